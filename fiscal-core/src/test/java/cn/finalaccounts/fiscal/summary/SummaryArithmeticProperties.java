package cn.finalaccounts.fiscal.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Any history of report versions, corrections, returns, approvals, node moves and removals, duplicates and late
 * redeliveries, cut into batches anywhere, leaves every kept 汇总 equal, cell for cell, to a recount: the latest
 * counted version of each unit in each view, summed at the unit and every ancestor of the tree as it finally stands.
 * The harness does what aggregation-service does around the arithmetic (a batch's contributions, the tree, storing
 * the deltas, flushing before a move), with maps instead of tables.
 */
class SummaryArithmeticProperties {
    private static final List<String> UNITS = List.of("U1", "U2", "U3", "U4", "U5", "U6");
    private static final List<String> DEPARTMENTS = List.of("D1", "D2", "D3");
    private static final List<CellKey> CELLS = List.of(new CellKey("01", "income.total", "1"),
            new CellKey("05", "208", "1"), new CellKey("05", "20805", "2"), new CellKey("06", "301", "1"));

    sealed interface Step permits Report, Move, Replay, EndOfBatch {
    }

    record Report(String unit, int year, long version, ReportState state) implements Step {
    }

    /** A node placed under {@code parent}; null removes it from the tree (its own 汇总 stays, counted nowhere above). */
    record Move(String node, String parent) implements Step {
    }

    record Replay(int index) implements Step {
    }

    record EndOfBatch() implements Step {
    }

    /** Histories tried per property; each is built from its own seed, which a failure names to replay it. */
    private static final int HISTORIES = 500;

    @Test
    void everyKeptSummaryEqualsTheRecount() {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            List<Step> history = history(new Random(seed));
            Platform platform = new Platform();
            history.forEach(platform::apply);
            platform.endBatch();
            assertEquals(platform.recount(), nonZero(platform.whole()), "seed " + seed + ": " + history);
        }
    }

    @Test
    void aHistoryAppliedTwiceChangesNothingTheSecondTime() {
        for (long seed = 1; seed <= HISTORIES; seed++) {
            List<Step> history = history(new Random(seed));
            Platform platform = new Platform();
            history.forEach(platform::apply);
            platform.endBatch();
            Map<SummaryKey, Map<CellKey, BigDecimal>> once = nonZero(platform.whole());
            history.stream().filter(s -> s instanceof Report).forEach(platform::apply); // every report redelivered
            platform.endBatch();
            assertEquals(once, nonZero(platform.whole()), "seed " + seed + ": " + history);
        }
    }

    /**
     * Up to 60 steps: report events (any unit, year, version 0–4 and state), moves of units (to a department, the
     * region, a parent not known yet, or out of the tree) and of departments, replays of earlier steps, batch ends.
     */
    static List<Step> history(Random random) {
        List<Step> steps = new ArrayList<>();
        int length = random.nextInt(61);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(16);
            if (kind < 8) {
                steps.add(new Report(pick(random, UNITS), 2023 + random.nextInt(2), random.nextInt(5),
                        pick(random, List.of(ReportState.values()))));
            } else if (kind < 10) {
                steps.add(new Move(pick(random, UNITS), random.nextInt(7) == 0 ? null
                        : pick(random, List.of("D1", "D2", "D3", "R", "U9"))));
            } else if (kind < 11) {
                steps.add(new Move(pick(random, DEPARTMENTS), random.nextInt(10) == 0 ? null
                        : pick(random, List.of("D1", "D2", "D3", "R"))));
            } else if (kind < 14) {
                steps.add(new Replay(random.nextInt(200)));
            } else {
                steps.add(new EndOfBatch());
            }
        }
        return steps;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** The figures of a unit's version: a function of unit, year and version, as a version's body never changes. */
    static CellSheet figures(String unit, int year, long version) {
        CellSheet sheet = new CellSheet();
        int seed = (unit + year + version).hashCode();
        for (int i = 0; i < CELLS.size(); i++) {
            int n = Math.floorMod(seed * 31 + i * 7919, 1_000_003);
            if (n % 5 != 0) { // some cells blank in some versions: a correction also empties cells
                sheet.add(CELLS.get(i), BigDecimal.valueOf(n, n % 3 == 0 ? 6 : 2)); // 万元, or 元 converted
            }
        }
        return sheet;
    }

    /** Aggregation-service in miniature: the stores are maps, a batch is what lies between two EndOfBatch steps. */
    static final class Platform {
        final Map<SummaryKey, CellSheet> kept = new HashMap<>();
        final Map<String, Contribution> committed = new HashMap<>();
        final Map<String, String> parent = new HashMap<>(Map.of("D1", "R", "D2", "R", "D3", "R", "U1", "D1", "U2",
                "D1", "U3", "D2", "U4", "D2", "U5", "D3", "U6", "D3"));
        final Map<String, Long> nodeRevision = new HashMap<>();
        final List<Step> applied = new ArrayList<>();
        final Map<Move, Long> moveRevision = new HashMap<>();
        final List<Report> reports = new ArrayList<>();
        Map<String, Contribution> batch = new HashMap<>();
        SummaryArithmetic arithmetic = new SummaryArithmetic();
        long revisions;

        void apply(Step step) {
            if (step instanceof Report r) {
                reports.add(r);
                arithmetic.applyReport(new CountedReport(r.unit(), r.year(), r.version(), r.state(),
                        UnitReportCarries.cells(r)), counted(), parent::get, Instant.EPOCH);
                applied.add(r);
            } else if (step instanceof Move m) {
                long revision = moveRevision.computeIfAbsent(m, x -> ++revisions);
                move(m, revision);
                applied.add(m);
            } else if (step instanceof Replay r) {
                if (!applied.isEmpty()) {
                    Step earlier = applied.get(r.index() % applied.size());
                    if (earlier instanceof Move m) {
                        move(m, moveRevision.get(m)); // an old node event: older than what is applied, ignored
                    } else {
                        apply(earlier);
                    }
                }
            } else {
                endBatch();
            }
        }

        private void move(Move m, long revision) {
            if (nodeRevision.getOrDefault(m.node(), 0L) >= revision || wouldCycle(m)) {
                return; // the tree service refuses a cycle; an older node event changes nothing
            }
            nodeRevision.put(m.node(), revision);
            String oldParent = parent.get(m.node());
            if (java.util.Objects.equals(oldParent, m.parent())) {
                return;
            }
            List<String> oldAncestors = SummaryArithmetic.ancestorsOf(m.node(), oldParent, parent::get);
            if (m.parent() == null) {
                parent.remove(m.node());
            } else {
                parent.put(m.node(), m.parent());
            }
            store(); // the node's kept sheets hold everything below it: stored first, then read with its own figures
            Map<SummaryKey, CellSheet> carried = new HashMap<>();
            kept.forEach((k, v) -> {
                if (k.node().equals(m.node())) {
                    carried.computeIfAbsent(k, x -> new CellSheet()).addAll(v);
                }
            });
            Map<String, Contribution> own = new HashMap<>(committed);
            own.putAll(batch);
            own.values().stream().filter(c -> c.unit().equals(m.node())).forEach(c -> carried
                    .computeIfAbsent(new SummaryKey(c.unit(), c.view(), c.year()), x -> new CellSheet())
                    .addAll(c.cells()));
            arithmetic.applyMove(carried, oldAncestors, SummaryArithmetic.ancestorsOf(m.node(), m.parent(), parent::get));
        }

        private boolean wouldCycle(Move m) {
            for (String p = m.parent(); p != null; p = parent.get(p)) {
                if (p.equals(m.node())) {
                    return true;
                }
            }
            return false;
        }

        private SummaryArithmetic.Counted counted() {
            return new SummaryArithmetic.Counted() {
                @Override
                public long versionOf(String unit, int year, CountedView view) {
                    return find(unit, year, view).map(Contribution::version).orElse(-1L);
                }

                @Override
                public Optional<Contribution> find(String unit, int year, CountedView view) {
                    String key = unit + "/" + year + "/" + view;
                    return Optional.ofNullable(batch.getOrDefault(key, committed.get(key)));
                }

                @Override
                public void save(Contribution c) {
                    batch.put(c.unit() + "/" + c.year() + "/" + c.view(), c);
                }
            };
        }

        private void store() {
            arithmetic.pending().drain().forEach((k, delta) -> kept.computeIfAbsent(k, x -> new CellSheet()).addAll(delta));
        }

        void endBatch() {
            store();
            committed.putAll(batch);
            batch = new HashMap<>();
            arithmetic = new SummaryArithmetic();
        }

        /** Each node's whole 汇总: its kept sheet (what lies below it) plus its own contributions. */
        Map<SummaryKey, CellSheet> whole() {
            Map<SummaryKey, CellSheet> whole = new HashMap<>();
            kept.forEach((k, v) -> whole.computeIfAbsent(k, x -> new CellSheet()).addAll(v));
            committed.values().forEach(c -> whole.computeIfAbsent(new SummaryKey(c.unit(), c.view(), c.year()),
                    x -> new CellSheet()).addAll(c.cells()));
            return whole;
        }

        /** From the history alone: each unit's latest version counted in each view, summed up the final tree. */
        Map<SummaryKey, Map<CellKey, BigDecimal>> recount() {
            Map<String, Report> latest = new HashMap<>();
            for (Report r : reports) {
                for (CountedView view : CountedView.countedIn(r.state())) {
                    latest.merge(r.unit() + "/" + r.year() + "/" + view, r, (a, b) -> b.version() > a.version() ? b : a);
                }
            }
            Map<SummaryKey, CellSheet> sums = new HashMap<>();
            latest.forEach((key, r) -> {
                CountedView view = CountedView.valueOf(key.substring(key.lastIndexOf('/') + 1));
                CellSheet cells = figures(r.unit(), r.year(), r.version());
                cells.add(SummaryArithmetic.UNITS_IN, BigDecimal.ONE);
                for (String node : SummaryArithmetic.countedAt(r.unit(), parent::get)) {
                    sums.computeIfAbsent(new SummaryKey(node, view, r.year()), k -> new CellSheet()).addAll(cells);
                }
            });
            return nonZero(sums);
        }
    }

    /** What a report event carries in its state: its figures, or nothing for a draft and a return. */
    static final class UnitReportCarries {
        static CellSheet cells(Report r) {
            return CountedView.countedIn(r.state()).length == 0 ? null : figures(r.unit(), r.year(), r.version());
        }
    }

    static Map<SummaryKey, Map<CellKey, BigDecimal>> nonZero(Map<SummaryKey, CellSheet> sheets) {
        Map<SummaryKey, Map<CellKey, BigDecimal>> out = new HashMap<>();
        sheets.forEach((k, sheet) -> sheet.cells().forEach((cell, amount) -> {
            if (amount.signum() != 0) {
                // compareTo, not equals: 1.50 and 1.5 are the same amount
                out.computeIfAbsent(k, x -> new TreeMap<>()).put(cell, amount.stripTrailingZeros());
            }
        }));
        return out;
    }
}
