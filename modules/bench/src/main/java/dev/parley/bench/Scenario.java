package dev.parley.bench;

/** One kind of load run against a hub. */
interface Scenario {
    /** Runs once and reports; throws {@link BenchFailure} when the run cannot be carried out. */
    RunReport run(BenchContext context) throws Exception;

    static Scenario of(ScenarioName name) {
        return switch (name) {
            case FANOUT, LATENCY -> new FanoutScenario();
            case REST -> new RestScenario();
            case IDLE -> new IdleScenario();
            case LARGE_CHANNEL -> new LargeChannelScenario();
            case RECONNECT_STORM -> new ReconnectStormScenario();
        };
    }
}
