package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.summary.SummaryArithmetic;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Recomputes every node's 汇总 from scratch — the counted contributions of the units below it, summed over the
 * tree as it stands — and compares it, cell for cell, with the kept one (memory's sheet of what lies below the node
 * plus its own contribution). The exactly-once tests end with it; an operator can run it at any time.
 */
@ApplicationScoped
public class ConsistencyCheck {
    private static final int MAX_LISTED = 100;
    private static final int PAGE = 500;

    @Inject
    KeptSummaries summaries;

    @Inject
    LiveSummaries live;

    @Inject
    ContributionStore contributions;

    /** A cell where the kept 汇总 and the recomputation differ (null: blank or zero on that side). */
    public record Discrepancy(String node, String view, int year, String table, String row, String col, String kept,
            String recomputed) {
    }

    public record Result(boolean consistent, int summariesCompared, long cellsCompared, long discrepancyCount,
            List<Discrepancy> discrepancies) {
    }

    /**
     * A unit-year whose counted version here differs from the one accounts-service counts: {@code kept} is the version
     * this service counts (null: none, an event lost), {@code source} the one accounts-service counts (null: none, a
     * record it never wrote).
     */
    public record VersionDiscrepancy(String unit, int year, String view, Long kept, Long source) {
    }

    /** The check against the sources: the 汇总 recounted from accounts-service's counted versions. */
    public record SourcesResult(boolean consistent, String source, int unitsCompared, long versionDiscrepancyCount,
            List<VersionDiscrepancy> versionDiscrepancies, int summariesCompared, long cellsCompared,
            long discrepancyCount, List<Discrepancy> discrepancies) {
    }

    @Inject
    AccountsSource accounts;

    /**
     * Memory stays proportional to the nodes that have children, not to the units: contributions are read 500
     * units at a time, each leaf is compared as its page passes, and only the inner nodes (departments, regions,
     * supervising units) accumulate their recomputation. Holding every contribution and every sheet at once ran a
     * 512 MiB heap out of memory at 10,000 units.
     */
    @Transactional
    public Result run() {
        live.catchUp(); // the sheets compared are memory's, with every committed batch in
        YearTrees trees = new YearTrees();
        Set<String> inner = OrgNodeVersion.parentsInSomeYear();
        Map<SummaryKey, CellSheet> innerExpected = new HashMap<>();
        Comparison comparison = new Comparison();
        Set<SummaryKey> compared = new HashSet<>();
        for (List<String> page = contributions.unitsAfter(null, PAGE); !page.isEmpty();
                page = contributions.unitsAfter(page.get(page.size() - 1), PAGE)) {
            Map<SummaryKey, CellSheet> leafExpected = new HashMap<>();
            for (Contribution c : contributions.allOf(page)) {
                for (String node : SummaryArithmetic.countedAt(c.unit(), trees.parentIn(c.year()))) {
                    SummaryKey key = new SummaryKey(node, c.view(), c.year());
                    (inner.contains(node) ? innerExpected : leafExpected).computeIfAbsent(key, k -> new CellSheet())
                            .addAll(c.cells());
                }
            }
            Map<SummaryKey, CellSheet> kept = summaries.readAll(page.stream().filter(u -> !inner.contains(u)).toList());
            Set<SummaryKey> keys = new HashSet<>(leafExpected.keySet());
            keys.addAll(kept.keySet());
            for (SummaryKey key : keys) {
                comparison.compare(key, leafExpected.get(key), kept.get(key));
                compared.add(key);
            }
        }
        // Sheets not met above: the inner nodes, and any leaf kept without a contribution (it must be empty).
        compareRest(innerExpected, compared, comparison);
        return new Result(comparison.count == 0, comparison.summaries, comparison.cells, comparison.count,
                comparison.listed);
    }

    /**
     * Recounts every 汇总 from what accounts-service itself counts (its counted versions and their reports, over REST,
     * a page of units at a time) with the same arithmetic, and compares it, cell for cell, with the kept one; and each
     * unit's counted version with the one kept here. A record that reached the topic without coming from accounts-service
     * (a forgery, if a key leaked) and one that never arrived both show, where the check against this service's own
     * contributions sees neither. The tree is this service's (its records are signed as the reports are).
     */
    @Transactional
    public SourcesResult againstSources() {
        live.catchUp();
        YearTrees trees = new YearTrees();
        Set<String> inner = OrgNodeVersion.parentsInSomeYear();
        Map<SummaryKey, CellSheet> innerExpected = new HashMap<>();
        Comparison comparison = new Comparison();
        Set<SummaryKey> compared = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<VersionDiscrepancy> versionsListed = new ArrayList<>();
        long[] versionCount = {0};
        java.util.function.Consumer<VersionDiscrepancy> differs = d -> {
            versionCount[0]++;
            if (versionsListed.size() < MAX_LISTED) {
                versionsListed.add(d);
            }
        };
        String after = null;
        do {
            AccountsSource.Page page = accounts.page(after);
            seen.addAll(page.units());
            Map<String, Contribution> source = new HashMap<>();
            Map<SummaryKey, CellSheet> leafExpected = new HashMap<>();
            for (Contribution c : page.versions()) {
                source.put(c.unit() + '|' + c.year() + '|' + c.view().id(), c);
                for (String node : SummaryArithmetic.countedAt(c.unit(), trees.parentIn(c.year()))) {
                    SummaryKey key = new SummaryKey(node, c.view(), c.year());
                    (inner.contains(node) ? innerExpected : leafExpected).computeIfAbsent(key, k -> new CellSheet())
                            .addAll(c.cells());
                }
            }
            for (Contribution kept : contributions.allOf(page.units())) {
                Contribution s = source.remove(kept.unit() + '|' + kept.year() + '|' + kept.view().id());
                if (s == null || s.version() != kept.version()) {
                    differs.accept(new VersionDiscrepancy(kept.unit(), kept.year(), kept.view().id(), kept.version(),
                            s == null ? null : s.version()));
                }
            }
            source.values().forEach(s -> differs.accept(new VersionDiscrepancy(s.unit(), s.year(), s.view().id(), null,
                    s.version())));
            Map<SummaryKey, CellSheet> kept = summaries.readAll(page.units().stream().filter(u -> !inner.contains(u))
                    .toList());
            Set<SummaryKey> keys = new HashSet<>(leafExpected.keySet());
            keys.addAll(kept.keySet());
            for (SummaryKey key : keys) {
                comparison.compare(key, leafExpected.get(key), kept.get(key));
                compared.add(key);
            }
            after = page.next();
        } while (after != null);
        // Units counted here that accounts-service has no counted version of: every one is a record it never wrote.
        for (List<String> page = contributions.unitsAfter(null, PAGE); !page.isEmpty();
                page = contributions.unitsAfter(page.get(page.size() - 1), PAGE)) {
            List<String> unknown = page.stream().filter(u -> !seen.contains(u)).toList();
            if (!unknown.isEmpty()) {
                contributions.allOf(unknown).forEach(c -> differs.accept(new VersionDiscrepancy(c.unit(), c.year(),
                        c.view().id(), c.version(), null)));
            }
        }
        compareRest(innerExpected, compared, comparison);
        return new SourcesResult(comparison.count == 0 && versionCount[0] == 0, "accounts-service", seen.size(),
                versionCount[0], versionsListed, comparison.summaries, comparison.cells, comparison.count,
                comparison.listed);
    }

    /** Compares the sheets not met page by page: the inner nodes, and any leaf kept without a recount (must be empty). */
    private void compareRest(Map<SummaryKey, CellSheet> innerExpected, Set<SummaryKey> compared, Comparison comparison) {
        Set<SummaryKey> rest = new HashSet<>(innerExpected.keySet());
        summaries.keys().stream().filter(k -> !compared.contains(k)).forEach(rest::add);
        List<String> restNodes = rest.stream().map(SummaryKey::node).distinct().toList();
        for (int from = 0; from < restNodes.size(); from += PAGE) {
            Set<String> chunk = new HashSet<>(restNodes.subList(from, Math.min(restNodes.size(), from + PAGE)));
            Map<SummaryKey, CellSheet> kept = summaries.readAll(chunk);
            for (SummaryKey key : rest) {
                if (chunk.contains(key.node())) {
                    comparison.compare(key, innerExpected.get(key), kept.get(key));
                }
            }
        }
    }

    /** The running tally of a check: what was compared and the first discrepancies. */
    private static final class Comparison {
        private final List<Discrepancy> listed = new ArrayList<>();
        private int summaries;
        private long cells;
        private long count;

        void compare(SummaryKey key, CellSheet expected, CellSheet kept) {
            summaries++;
            Map<CellKey, BigDecimal> want = nonZero(expected);
            Map<CellKey, BigDecimal> have = nonZero(kept);
            Set<CellKey> all = new HashSet<>(want.keySet());
            all.addAll(have.keySet());
            cells += all.size();
            for (CellKey cell : all) {
                BigDecimal w = want.get(cell);
                BigDecimal h = have.get(cell);
                if (w == null || h == null || w.compareTo(h) != 0) {
                    count++;
                    if (listed.size() < MAX_LISTED) {
                        listed.add(new Discrepancy(key.node(), key.view().id(), key.year(), cell.table(), cell.row(),
                                cell.col(), h == null ? null : Amounts.format(h), w == null ? null : Amounts.format(w)));
                    }
                }
            }
        }
    }

    private static Map<CellKey, BigDecimal> nonZero(CellSheet sheet) {
        Map<CellKey, BigDecimal> out = new HashMap<>();
        if (sheet != null) {
            sheet.cells().forEach((k, v) -> {
                if (v.signum() != 0) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** The mirrored tree of each year, child → parent, as both checks walk it: each contribution in its year's tree. */
    private static final class YearTrees {
        private final Map<Integer, Map<String, String>> byYear = new HashMap<>();

        UnaryOperator<String> parentIn(int year) {
            return byYear.computeIfAbsent(year, OrgNodeVersion::parentsIn)::get;
        }
    }
}
