/**
 * What the tests of every module share, compiled with the tests only and never packed into a template (the packer
 * packs {@code modules/}; {@code PackTemplateTest} checks): {@link dev.parley.testing.HubExtension} and
 * {@link dev.parley.testing.InProcessHub} (a real hub in this JVM on port 0, per test or per class),
 * {@link dev.parley.testing.ChildProcess} (a hub, the bootstrap, the CLI or any main in a child process: output,
 * stderr apart and stdin open on demand, port, SIGTERM, {@code kill -9}), {@link dev.parley.testing.RawSocket} (frames
 * exactly as given, awaited by predicate, reading stalled on demand, an observer that answers) and
 * {@link dev.parley.testing.RestProbe} (any REST call, the answer as it came).
 */
package dev.parley.testing;
