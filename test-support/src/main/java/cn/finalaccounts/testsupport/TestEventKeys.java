package cn.finalaccounts.testsupport;

import java.util.Map;

/**
 * The keys the services sign and verify events with under test: the same values as the {@code %test.fa.events.keys.*}
 * settings of service-support's microprofile-config.properties (and the env ServiceProcess gives the packaged
 * services), so that a test can write a record the services take as genuine, or forge one.
 */
public final class TestEventKeys {
    public static final String ACCOUNTS = "test-only-events-key-accounts-000000000000";
    public static final String PERFORMANCE = "test-only-events-key-performance-000000000";
    public static final String AGGREGATION = "test-only-events-key-aggregation-000000000";
    /** service-support's own test application (fa.service=support). */
    public static final String SUPPORT = "test-only-events-key-support-0000000000000";

    /** Producer name → its test key. */
    public static final Map<String, String> BY_PRODUCER = Map.of("accounts", ACCOUNTS, "performance", PERFORMANCE,
            "aggregation", AGGREGATION, "support", SUPPORT);

    private TestEventKeys() {
    }
}
