package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.consolidation.Consolidation;
import cn.finalaccounts.fiscal.consolidation.Elimination;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.summary.SummaryArithmetic;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.consumer.EventConsumer;
import cn.finalaccounts.support.consumer.OffsetStore;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a node's kept 汇总 and says how fresh it is. Reading never recomputes: the sums are kept. */
@ApplicationScoped
public class SummaryQuery {
    @Inject
    KeptSummaries summaries;

    @Inject
    ContributionStore contributions;

    @Inject
    OffsetStore offsets;

    @Inject
    EventConsumer consumer;

    /** The application's mapper, so the pre-serialized tables read exactly as any other answer's JSON. */
    @Inject
    ObjectMapper json;

    private final RenderedSummaries rendered = new RenderedSummaries();
    private final NodeStandings standings = new NodeStandings();

    /** How long the last-applied time read from the stored offsets is reused. */
    private static final java.time.Duration LAST_APPLIED_FOR = java.time.Duration.ofMillis(100);
    private volatile LastApplied lastApplied;

    /** 汇总 (simple: the plain sum) or 合并 (consolidated: internal flows between the units inside eliminated). */
    public enum Mode {
        SIMPLE, CONSOLIDATED;

        public String id() {
            return name().toLowerCase();
        }
    }

    /** What the figures of a 汇总 depend on; equal tags, equal figures (the ETag of a read). */
    public KeptSummaries.Tags tags(String nodeCode, int year, CountedView view) {
        return summaries.tags(nodeCode, view, year);
    }

    /** An answer and the tags it was rendered from, read in one transaction: its ETag. */
    public record Tagged(SummaryAnswer summary, KeptSummaries.Tags tags) {
    }

    /**
     * An answer as it goes on the wire: its JSON up to the freshness compressed once per rendering, the freshness of
     * the moment added per read ({@link PrecompressedJson}); the tags are its ETag.
     */
    public record Wire(PrecompressedJson head, byte[] tail, KeptSummaries.Tags tags) {
        public byte[] plain() {
            return head.plain(tail);
        }

        public byte[] gzip() {
            return head.gzip(tail);
        }
    }

    /**
     * The 汇总 with the tags it was rendered from. Renders it once per change of its sheet or of the tree; the
     * freshness of the moment is added to every answer.
     */
    @Transactional
    public Tagged summary(String nodeCode, int year, CountedView view, Mode mode) {
        Rendered r = rendering(nodeCode, year, view, mode);
        return new Tagged(answer(nodeCode, year, view, mode, r.rendering(), freshness(r.rendering())), r.tags());
    }

    /** The same answer as {@link #summary}, in the bytes it is sent as. */
    @Transactional
    public Wire wire(String nodeCode, int year, CountedView view, Mode mode) {
        Rendered r = rendering(nodeCode, year, view, mode);
        RenderedSummaries.Rendering rendering = r.rendering();
        try {
            byte[] freshness = json.writeValueAsBytes(freshness(rendering));
            byte[] tail = new byte[freshness.length + 1];
            System.arraycopy(freshness, 0, tail, 0, freshness.length);
            tail[freshness.length] = '}';
            return new Wire(rendering.wire(), tail, r.tags());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the freshness of " + nodeCode, e);
        }
    }

    private record Rendered(RenderedSummaries.Rendering rendering, KeptSummaries.Tags tags) {
    }

    private Rendered rendering(String nodeCode, int year, CountedView view, Mode mode) {
        KeptSummaries.Tags tags = summaries.tags(nodeCode, view, year);
        FiscalYear fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no 汇总 for " + year + ": the platform has templates for " + FiscalYears.current().available()));
        RenderedSummaries.Key key = new RenderedSummaries.Key(nodeCode, view, year, mode, tags);
        RenderedSummaries.Rendering r = rendered.get(key);
        if (r == null) {
            r = render(fiscalYear, nodeCode, year, view, mode, tags.tree());
            r = withWire(nodeCode, year, view, mode, r);
            rendered.put(key, r);
        }
        return new Rendered(r, tags);
    }

    /** The rendering with its answer up to the freshness, as JSON compressed once. */
    private RenderedSummaries.Rendering withWire(String nodeCode, int year, CountedView view, Mode mode,
            RenderedSummaries.Rendering r) {
        try {
            // The answer without its freshness (null fields are left out) ends with '}': the freshness goes before it.
            byte[] whole = json.writeValueAsBytes(answer(nodeCode, year, view, mode, r, null));
            byte[] key = ",\"freshness\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] head = java.util.Arrays.copyOf(whole, whole.length - 1 + key.length);
            System.arraycopy(key, 0, head, whole.length - 1, key.length);
            return new RenderedSummaries.Rendering(r.name(), r.kind(), r.tablesJson(), r.eliminationsJson(),
                    r.unitsExpected(), r.unitsIn(), new PrecompressedJson(head));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render the 汇总 of " + nodeCode, e);
        }
    }

    private SummaryAnswer answer(String nodeCode, int year, CountedView view, Mode mode,
            RenderedSummaries.Rendering r, SummaryView.Freshness freshness) {
        return new SummaryAnswer(nodeCode, r.name(), r.kind(), year, AmountUnit.WAN_YUAN.label(), view.id(),
                mode.id(), r.tablesJson(), r.eliminationsJson(), freshness);
    }

    private SummaryView.Freshness freshness(RenderedSummaries.Rendering r) {
        Instant last = lastAppliedAt();
        return new SummaryView.Freshness(r.unitsExpected(), r.unitsIn(),
                Math.max(0, r.unitsExpected() - r.unitsIn()), last == null ? null : last.toString(), consumer.lag());
    }

    /**
     * When the newest batch was applied, by any instance: read from the stored offsets at most every
     * {@code LAST_APPLIED_FOR} — a poll of a region's 汇总 by a hundred dashboards is not a hundred queries. While the
     * database does not answer (its writer failing over, for a few seconds) the time last read is given: the figures
     * come from memory and are as fresh as it says or fresher, so the read is answered rather than refused. It is the
     * one query a region's read makes.
     */
    private Instant lastAppliedAt() {
        long now = System.nanoTime();
        LastApplied known = lastApplied;
        if (known == null || now - known.readAt() > LAST_APPLIED_FOR.toNanos()) {
            try {
                // Outside the read's transaction: a connection that failed here, enlisted in it, failed its commit, and
                // the read answered 503 all the same (the cluster drill's writer failover, 7 of 511 reads).
                known = new LastApplied(QuarkusTransaction.suspendingExisting().call(offsets::lastAppliedAt), now);
            } catch (RuntimeException databaseAway) {
                if (known == null) {
                    throw databaseAway;
                }
                return known.at();
            }
            lastApplied = known;
        }
        return known.at();
    }

    private record LastApplied(Instant at, long readAt) {
    }

    private RenderedSummaries.Rendering render(FiscalYear fiscalYear, String nodeCode, int year, CountedView view,
            Mode mode, long tree) {
        NodeStandings.Standing standing = standings.of(new NodeStandings.Key(nodeCode, year, tree),
                () -> standing(nodeCode, year));
        CellSheet sheet = summaries.read(nodeCode, view, year);
        if (!standing.known() && sheet.isEmpty()) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        BigDecimal counted = sheet.cells().get(SummaryArithmetic.UNITS_IN);
        int unitsIn = counted == null ? 0 : counted.intValue();
        List<Elimination> eliminations = null;
        if (mode == Mode.CONSOLIDATED) {
            Consolidation.Result c = consolidate(fiscalYear, nodeCode, year, view);
            sheet.addAll(c.adjustment());
            eliminations = c.eliminations();
        }
        try {
            return new RenderedSummaries.Rendering(standing.name(), standing.kind(),
                    new RawJson(json.writeValueAsString(tables(fiscalYear, sheet))),
                    eliminations == null ? null : new RawJson(json.writeValueAsString(eliminations)),
                    standing.unitsExpected(), unitsIn, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render the 汇总 of " + nodeCode, e);
        }
    }

    /**
     * The node as the tree holds it now, named as it stood in the year: a node renamed from 2024 keeps its old name on
     * its 2023 汇总.
     */
    private static NodeStandings.Standing standing(String nodeCode, int year) {
        OrgNode node = OrgNode.findById(nodeCode);
        OrgNodeVersion standing = OrgNodeVersion.at(nodeCode, year).orElse(null);
        return new NodeStandings.Standing(standing != null ? standing.name : node == null ? null : node.name,
                node == null ? null : node.kind, OrgNodeVersion.unitsUnder(nodeCode, year).size(), node != null);
    }

    /** The internal flows between supervising units inside the node and their subordinates inside it, in the year's tree. */
    private Consolidation.Result consolidate(FiscalYear year, String nodeCode, int fiscalYear, CountedView view) {
        Map<String, OrgNodeVersion> units = new java.util.HashMap<>();
        OrgNodeVersion.unitsUnder(nodeCode, fiscalYear).forEach(u -> units.put(u.code, u));
        Map<String, List<String>> subordinates = new java.util.TreeMap<>();
        for (OrgNodeVersion u : units.values()) {
            if (u.parentCode != null && units.containsKey(u.parentCode)) {
                subordinates.computeIfAbsent(u.parentCode, p -> new ArrayList<>()).add(u.code);
            }
        }
        subordinates.values().forEach(java.util.Collections::sort);
        Set<String> involved = new TreeSet<>(subordinates.keySet());
        subordinates.values().forEach(involved::addAll);
        Map<String, CellSheet> sheets = new java.util.HashMap<>();
        contributions.findAll(involved, fiscalYear, view).forEach(c -> sheets.put(c.unit(), c.cells()));
        return new Consolidation(year).eliminate(sheets, subordinates);
    }

    private static List<SummaryView.Table> tables(FiscalYear year, CellSheet sheet) {
        Map<String, List<SummaryView.Cell>> byTable = new LinkedHashMap<>();
        year.template().tables().forEach(t -> byTable.put(t.id(), new ArrayList<>()));
        for (Map.Entry<CellKey, BigDecimal> e : sheet.cells().entrySet()) {
            if (e.getValue().signum() == 0 || year.template().table(e.getKey().table()).isEmpty()) {
                continue; // a blank cell reads as zero, an eliminated one is blank; "_" holds the unit count
            }
            CellKey k = e.getKey();
            String label = year.template().table(k.table()).flatMap(t -> t.row(k.row())).map(RowTemplate::label).orElse(null);
            byTable.computeIfAbsent(k.table(), t -> new ArrayList<>())
                    .add(new SummaryView.Cell(k.row(), k.col(), label, Amounts.format(e.getValue())));
        }
        List<SummaryView.Table> tables = new ArrayList<>();
        byTable.forEach((id, cells) -> {
            TableTemplate template = year.template().table(id).orElse(null);
            if (template != null) {
                cells.sort(Comparator.comparing(SummaryView.Cell::row, template.rowOrder())
                        .thenComparing(SummaryView.Cell::col, TableTemplate.columnOrder()));
            }
            tables.add(new SummaryView.Table(id, template == null ? null : template.name(), cells));
        });
        return tables;
    }

    /** The units under the node: those in, with the version counted, and those missing. */
    public SummaryView.Units units(String nodeCode, int year, CountedView view) {
        OrgNode node = OrgNode.findById(nodeCode);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        Set<String> expected = new TreeSet<>();
        OrgNodeVersion.unitsUnder(nodeCode, year).forEach(n -> expected.add(n.code));
        List<SummaryView.UnitIn> in = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        for (Contribution c : contributions.versionsOf(expected, year, view)) {
            in.add(new SummaryView.UnitIn(c.unit(), c.version(), c.state(), c.appliedAt().toString()));
            missing.remove(c.unit());
        }
        return new SummaryView.Units(nodeCode, year, view.id(), in, List.copyOf(missing));
    }
}
