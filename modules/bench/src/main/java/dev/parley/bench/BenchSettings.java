package dev.parley.bench;

import dev.parley.client.HubAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's settings, defaults already applied for its scenario.
 *
 * @param messages     per sender (fan-out, latency, rest), else in total
 * @param rate         messages per second per sender; 0 means as fast as the hub takes them
 * @param concurrency  REST requests in flight (rest, large-channel joins) or handshakes in flight (idle)
 * @param deflate      every socket offers permessage-deflate ({@link DeflateBenchSocket})
 */
record BenchSettings(ScenarioName scenario, HubAddress hub, String token, int receivers, int senders,
                     long messages, double rate, Duration drain, int concurrency, int connections,
                     Duration hold, int offlineMembers, int storms, Duration timeout, boolean allowLoss,
                     boolean deflate) {

    /** The settings that shape this scenario, for the report's {@code parameters}. */
    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (scenario) {
            case FANOUT, LATENCY, REST -> {
                p.put("receivers", receivers);
                p.put("senders", senders);
                p.put("messages_per_sender", messages);
                p.put("rate_per_sender", rate);
                if (scenario == ScenarioName.REST) {
                    p.put("concurrency", concurrency);
                }
            }
            case IDLE -> {
                p.put("connections", connections);
                p.put("hold_seconds", hold.toSeconds());
                p.put("concurrency", concurrency);
            }
            case LARGE_CHANNEL -> {
                p.put("offline_members", offlineMembers);
                p.put("messages", messages);
            }
            case RECONNECT_STORM -> {
                p.put("receivers", receivers);
                p.put("messages", messages);
                p.put("rate", rate);
                p.put("storms", storms);
            }
        }
        if (scenario != ScenarioName.IDLE) {
            p.put("drain_seconds", drain.toSeconds());
        }
        p.put("deflate_offered", deflate);
        return p;
    }

    /** The same settings against another hub (for {@code --compare}). */
    BenchSettings withHub(HubAddress other) {
        return new BenchSettings(scenario, other, token, receivers, senders, messages, rate, drain, concurrency,
                connections, hold, offlineMembers, storms, timeout, allowLoss, deflate);
    }
}
