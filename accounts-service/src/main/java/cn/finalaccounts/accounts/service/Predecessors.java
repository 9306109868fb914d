package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.UnitPredecessor;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The units a unit was merged or split from (docs/years.md): a unit formed by merging others compares its first
 * year with the sum of their reports of the year before. The list is replaced whole and the change is on the audit
 * trail.
 */
@ApplicationScoped
public class Predecessors {
    /** More than this is no merger a bureau makes; the bound keeps a hostile list small. */
    static final int MAX = 50;

    @Inject
    AuditTrail trail;

    public record Predecessor(String unit, String relation, Integer since) {
    }

    public List<Predecessor> of(String unit) {
        requireUnit(unit);
        return UnitPredecessor.of(unit).stream()
                .map(p -> new Predecessor(p.predecessorCode, p.relation, p.sinceYear)).toList();
    }

    /** Checks the whole list first (every reason at once), then replaces the unit's list. */
    @Transactional
    public List<Predecessor> replace(String unit, List<Predecessor> given, Caller caller) {
        requireUnit(unit);
        List<Violation> v = new ArrayList<>();
        if (given == null) {
            throw new InvalidInputException("predecessors", "required: a list, [] for none");
        }
        if (given.size() > MAX) {
            throw new InvalidInputException("predecessors", "at most " + MAX + " predecessors");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "predecessors[" + i + "]";
            Predecessor p = given.get(i);
            if (p == null) {
                v.add(new Violation(at, "required: {\"unit\": …, \"relation\": \"merged\" or \"split\", \"since\": year}"));
                continue;
            }
            if (p.unit() == null) {
                v.add(new Violation(at + ".unit", "required: the code of the unit this one was formed from"));
            } else if (Identifier.NODE_CODE.check(at + ".unit", p.unit(), v)) {
                OrgNode node = OrgNode.byCode(p.unit());
                if (p.unit().equals(unit)) {
                    v.add(new Violation(at + ".unit", "a unit is not its own predecessor"));
                } else if (node == null || NodeKind.parse(node.kind).orElse(null) != NodeKind.UNIT) {
                    v.add(new Violation(at + ".unit", "'" + p.unit() + "' is not a unit of the tree"));
                } else if (!seen.add(p.unit())) {
                    v.add(new Violation(at + ".unit", p.unit() + " is listed twice"));
                } else if (UnitPredecessor.of(p.unit()).stream().anyMatch(q -> q.predecessorCode.equals(unit))) {
                    v.add(new Violation(at + ".unit", p.unit() + " names " + unit + " as its own predecessor"));
                }
            }
            if (!UnitPredecessor.MERGED.equals(p.relation()) && !UnitPredecessor.SPLIT.equals(p.relation())) {
                v.add(new Violation(at + ".relation", "required: merged (formed by merging the predecessors) or split"
                        + " (carved out of it)"));
            }
            if (p.since() == null || !FiscalYears.isValid(p.since())) {
                v.add(new Violation(at + ".since", p.since() == null ? "required: the first year the unit reports as"
                        + " what the change made" : FiscalYears.invalidReason(p.since())));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        UnitPredecessor.delete("unitCode", unit);
        UnitPredecessor.flush();
        for (Predecessor p : given) {
            UnitPredecessor row = new UnitPredecessor();
            row.unitCode = unit;
            row.predecessorCode = p.unit();
            row.relation = p.relation();
            row.sinceYear = p.since();
            row.persist();
        }
        trail.record(caller, "unit.predecessors", "units/" + unit, unit, given.isEmpty() ? "none" : given.stream()
                .map(p -> p.relation() + " from " + p.unit() + " since " + p.since()).collect(Collectors.joining(", ")));
        return of(unit);
    }

    private static void requireUnit(String unit) {
        OrgNode node = OrgNode.byCode(unit);
        if (node == null || node.removed()) {
            throw new NotFoundProblem("no unit has the code '" + unit + "'");
        }
        if (NodeKind.parse(node.kind).orElse(null) != NodeKind.UNIT) {
            throw new InvalidInputException("code", "only a budget unit (kind unit) has predecessors");
        }
    }
}
