package cn.finalaccounts.fiscal.events;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka topics of the platform. Every record is keyed by the organisation node it concerns, so all events
 * of one node stay in order on one partition.
 */
public final class Topics {
    /** {@link OrgNodeChanged}, keyed by node code; written by accounts-service. */
    public static final String ORG_NODES = "fa.accounts.org-nodes.v1";
    /** {@link UnitReportChanged}, keyed by unit code; written by accounts-service. */
    public static final String UNIT_REPORTS = "fa.accounts.unit-reports.v1";
    /** {@link RejectedEvent}: records aggregation-service could not read, with the reason; keyed as the original. */
    public static final String AGGREGATION_DEAD_LETTERS = "fa.aggregation.dead-letters.v1";

    /** {@link ProjectChanged}, keyed by unit code; written by performance-service. */
    public static final String PERFORMANCE_PROJECTS = "fa.performance.projects.v1";

    /** {@link FundStatisticsChanged}, keyed by region code; written by performance-service. */
    public static final String PERFORMANCE_FUNDS = "fa.performance.funds.v1";

    /** Partitions per topic on a fresh broker; the unit of parallelism for consumers. */
    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * The one producer (by its {@code fa.service} name) that may write each topic: a consumer refuses a record of the
     * topic signed by anyone else, whatever its key ({@link EventSignature}).
     */
    private static final Map<String, String> WRITERS = Map.of(
            ORG_NODES, "accounts",
            UNIT_REPORTS, "accounts",
            PERFORMANCE_PROJECTS, "performance",
            PERFORMANCE_FUNDS, "performance",
            AGGREGATION_DEAD_LETTERS, "aggregation");

    private Topics() {
    }

    /** The producer that may write {@code topic}, or null for a topic of no producer of the platform. */
    public static String writerOf(String topic) {
        return topic == null ? null : WRITERS.get(topic);
    }

    /** Every producer that writes one of {@code topics}. */
    public static Set<String> writersOf(Collection<String> topics) {
        Set<String> writers = new TreeSet<>();
        for (String topic : topics) {
            String writer = writerOf(topic);
            if (writer != null) {
                writers.add(writer);
            }
        }
        return writers;
    }
}
