package dev.parley.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The jars of a lean template, from a local Maven repository, verified like packed ones. */
final class MavenRepo {
    private MavenRepo() {}

    static Path root(Environment env) {
        String configured = env.variable("PARLEY_MAVEN_REPO");
        return configured != null ? env.cwd().resolve(configured) : Path.of(env.userHome(), ".m2", "repository");
    }

    static byte[] jar(Library library, Environment env) throws IOException {
        Path repo = root(env);
        String fileName = library.path().substring(library.path().lastIndexOf('/') + 1);
        Path jar = repo.resolve(library.groupId().replace('.', '/')).resolve(library.artifactId())
                .resolve(library.version()).resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new Failure(Exit.MISSING_LIBRARY, "library " + library.coordinates() + " is not packed in this "
                    + "lean template and not in " + repo + "; use --jbang, set PARLEY_MAVEN_REPO, or use a full "
                    + "template");
        }
        return Template.checked(jar.toString(), Files.readAllBytes(jar), library.sha256(), library.size());
    }
}
