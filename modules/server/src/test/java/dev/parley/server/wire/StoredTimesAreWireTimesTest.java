package dev.parley.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.wire.WireTime;
import dev.parley.store.Timestamps;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The hub sends stored timestamps as they are stored, so the store's storage form (which may import
 * nothing of the protocol) must stay the wire form the protocol's {@link WireTime} writes and reads.
 */
class StoredTimesAreWireTimesTest {
    @Test
    void the_store_writes_the_form_the_protocol_writes_and_reads_back() {
        for (String text : new String[] {"2026-02-20T04:54:28.444985123Z", "1970-01-01T00:00:00Z",
                "2000-02-29T23:59:59.999999Z", "9999-12-31T23:59:59.000001Z", "0001-01-01T00:00:00.5Z"}) {
            Instant instant = Instant.parse(text);
            String stored = Timestamps.format(instant);
            assertThat(stored).as(text).isEqualTo(WireTime.format(instant));
            assertThat(WireTime.parse(stored)).as(text).isEqualTo(Timestamps.parse(stored));
        }
    }
}
