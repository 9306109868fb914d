package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.json.UnicodeText;
import cn.finalaccounts.support.outbox.OutboxWriter;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates, renames, moves and removes nodes of the organisation tree, keeping every year's tree a tree. A change
 * holds from the year it names on ({@code fromYear}; without one, for every year), so a unit moved in 2024 stays in
 * its old department's 2023 汇总. Each change is published with the node's whole history through the outbox and
 * written to the audit trail in its transaction.
 */
@ApplicationScoped
public class OrgTreeService {
    @Inject
    OutboxWriter outbox;

    @Inject
    AuditTrail trail;

    public record Outcome(OrgNode node, boolean created, boolean changed) {
    }

    @Transactional
    public Outcome upsert(String code, NodeInput input, Caller caller) {
        List<Violation> v = new ArrayList<>();
        // Codes appear in URLs, Kafka keys and the audit trail: one spelling each (the grammar's one home).
        Identifier.NODE_CODE.check("code", code, v);
        if (input == null) {
            throw new InvalidInputException("$", "required: a JSON object with name, kind and parent");
        }
        if (input.parent() != null && !Identifier.NODE_CODE.check("parent", input.parent(), v)) {
            throw new InvalidInputException(v);
        }
        if (UnicodeText.isBlank(input.name())) {
            v.add(new Violation("name", "required: the node's name as printed, e.g. 怀化市人力资源和社会保障局 (spaces and"
                    + " invisible format characters alone are no name)"));
        } else if (input.name().length() > 200) {
            v.add(new Violation("name", "at most 200 characters"));
        } else if (UnicodeText.firstLineBreak(input.name()) >= 0) {
            v.add(new Violation("name", UnicodeText.lineBreakReason(input.name(), UnicodeText.firstLineBreak(input.name()))));
        }
        NodeKind kind = null;
        if (input.kind() == null) {
            v.add(new Violation("kind", "required: one of region, department, unit"));
        } else {
            kind = NodeKind.parse(input.kind()).orElse(null);
            if (kind == null) {
                v.add(new Violation("kind", "'" + input.kind() + "' is not a node kind; use region, department or unit"));
            }
        }
        UnitType unitType = null;
        if (input.unitType() != null) {
            unitType = UnitType.parse(input.unitType()).orElse(null);
            if (unitType == null) {
                v.add(new Violation("unitType", "'" + input.unitType() + "' is not a unit type; use 行政, 参公, 事业, 企业 or 其他"));
            } else if (kind != null && kind != NodeKind.UNIT) {
                v.add(new Violation("unitType", "only a unit has a unit type"));
            }
        }
        Integer fromYear = input.fromYear();
        if (fromYear != null && (fromYear < NodeHistory.FIRST_YEAR || fromYear > NodeHistory.LAST_YEAR)) {
            v.add(new Violation("fromYear", "a year from " + NodeHistory.FIRST_YEAR + " to " + NodeHistory.LAST_YEAR
                    + " (the first 决算 year the change holds for), or absent to amend the node's current standing"));
        }
        // Lock only a node that exists: a locking read of a missing key takes a gap lock in InnoDB, and two such
        // gap locks under one parent deadlock when both transactions then insert.
        OrgNode existing = OrgNode.findById(code) == null ? null : OrgNode.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && kind != null && !existing.kind.equals(kind.id())) {
            v.add(new Violation("kind", "node " + code + " is a " + existing.kind + "; a node's kind cannot change"));
        }
        TreeByYear years = new TreeByYear();
        NodeHistory before = existing == null ? null : years.history(code).orElseThrow();
        int from = currentFrom(fromYear, before);
        if (kind != null) {
            years.checkParent(code, kind, input.parent(), from, v);
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }

        NodeHistory after = before == null
                ? new NodeHistory(List.of(new NodeVersion(from, input.name(), unitType, input.parent(), false)))
                : before.from(new NodeVersion(from, input.name(), unitType, input.parent(), false));
        if (after.equals(before)) {
            return new Outcome(existing, false, false);
        }
        String change = existing == null ? null : "revision " + existing.revision + " → " + (existing.revision + 1)
                + (Objects.equals(existing.parentCode, input.parent()) ? ""
                        : ", parent " + existing.parentCode + " → " + input.parent())
                + (existing.removed() ? ", registered again after its removal" : "");
        OrgNode node = existing != null ? existing : new OrgNode();
        node.code = code;
        node.kind = kind.id();
        node.revision = existing == null ? 1 : existing.revision + 1;
        keep(node, after);
        if (existing == null) {
            node.persist();
        }
        OrgNodeVersion.store(code, after);
        publish(node, after);
        String fromText = from == NodeHistory.ALWAYS ? "" : ", from " + from;
        trail.record(caller, "node.put", "units/" + code, code, change == null
                ? "created revision 1, " + node.kind + " under " + node.parentCode + fromText : change + fromText);
        return new Outcome(node, existing == null, true);
    }

    /**
     * Takes a node out of the tree from a year on (without one, from the year its current standing holds from: every
     * year for a node that never changed by year): its figures leave every 汇总 above it in those years. Its reports
     * and their history stay. A node that still has nodes under it in one of those years cannot be removed: move or
     * remove those first.
     */
    @Transactional
    public OrgNode remove(String code, Integer fromYear, Caller caller) {
        if (fromYear != null && (fromYear < NodeHistory.FIRST_YEAR || fromYear > NodeHistory.LAST_YEAR)) {
            throw new InvalidInputException("fromYear", "a year from " + NodeHistory.FIRST_YEAR + " to "
                    + NodeHistory.LAST_YEAR + ", or absent to remove the node from the year its current standing holds from");
        }
        OrgNode node = OrgNode.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        TreeByYear years = new TreeByYear();
        NodeHistory before = years.history(code).orElseThrow();
        int from = currentFrom(fromYear, before);
        NodeVersion standing = before.at(from).orElse(before.latest());
        NodeHistory after = before.from(new NodeVersion(from, standing.name(), standing.unitType(),
                standing.parentCode(), true));
        if (after.equals(before)) {
            return node;
        }
        List<String> children = years.childrenStillUnder(code, from);
        if (!children.isEmpty()) {
            throw new ConflictProblem(code + " still has " + children.size() + " node(s) under it (" + String.join(", ",
                    children) + "); move or remove them first");
        }
        node.revision++;
        keep(node, after);
        OrgNodeVersion.store(code, after);
        publish(node, after);
        trail.record(caller, "node.remove", "units/" + code, code, "revision " + (node.revision - 1) + " → "
                + node.revision + ", removed" + (from == NodeHistory.ALWAYS ? "" : " from " + from));
        return node;
    }

    /**
     * The year a change holds from: the one the caller names, else the year the node's current standing holds from
     * (every year for a node that never changed by year), so a change without a year amends today's standing and
     * the same request sent again changes nothing.
     */
    private static int currentFrom(Integer fromYear, NodeHistory before) {
        return fromYear != null ? fromYear : before == null ? NodeHistory.ALWAYS : before.latest().fromYear();
    }

    /** The node row holds the latest version: the tree as it stands today, which access follows. */
    private static void keep(OrgNode node, NodeHistory history) {
        NodeVersion latest = history.latest();
        node.name = latest.name();
        node.unitType = latest.unitType() == null ? null : latest.unitType().label();
        node.parentCode = latest.parentCode();
        node.updatedAt = Instant.now();
        if (!latest.removed()) {
            node.removedAt = null;
        } else if (node.removedAt == null) {
            node.removedAt = node.updatedAt;
        }
    }

    /** Publishes the node's current revision with its history. */
    void publish(OrgNode node) {
        publish(node, OrgNodeVersion.historyOf(node.code).orElseThrow());
    }

    void publish(OrgNode node, NodeHistory history) {
        outbox.append(Topics.ORG_NODES, node.code, OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION,
                OrgNodeChanged.of(node.code, NodeKind.fromId(node.kind), node.revision, history));
    }
}
