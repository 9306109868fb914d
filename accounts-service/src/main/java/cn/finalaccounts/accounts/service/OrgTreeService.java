package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.org.NodeKind;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Creates, renames and moves nodes of the organisation tree, keeping it a tree. Each change is published through
 * the outbox and written to the audit trail in its transaction.
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
        // Lock only a node that exists: a locking read of a missing key takes a gap lock in InnoDB, and two such
        // gap locks under one parent deadlock when both transactions then insert.
        OrgNode existing = OrgNode.findById(code) == null ? null : OrgNode.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && kind != null && !existing.kind.equals(kind.id())) {
            v.add(new Violation("kind", "node " + code + " is a " + existing.kind + "; a node's kind cannot change"));
        }
        if (kind != null) {
            checkParent(code, kind, input.parent(), v);
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }

        String typeLabel = unitType == null ? null : unitType.label();
        if (existing != null && !existing.removed() && existing.name.equals(input.name())
                && Objects.equals(existing.parentCode, input.parent()) && Objects.equals(existing.unitType, typeLabel)) {
            return new Outcome(existing, false, false);
        }
        String before = existing == null ? null : "revision " + existing.revision + " → " + (existing.revision + 1)
                + (Objects.equals(existing.parentCode, input.parent()) ? ""
                        : ", parent " + existing.parentCode + " → " + input.parent())
                + (existing.removed() ? ", registered again after its removal" : "");
        OrgNode node = existing != null ? existing : new OrgNode();
        node.code = code;
        node.name = input.name();
        node.kind = kind.id();
        node.unitType = typeLabel;
        node.parentCode = input.parent();
        node.revision = existing == null ? 1 : existing.revision + 1;
        node.updatedAt = Instant.now();
        // Registering a removed node again brings it back into the tree.
        node.removedAt = null;
        if (existing == null) {
            node.persist();
        }
        publish(node);
        trail.record(caller, "node.put", "units/" + code, code, before == null
                ? "created revision 1, " + node.kind + " under " + node.parentCode : before);
        return new Outcome(node, existing == null, true);
    }

    /**
     * Takes a node out of the tree: its figures leave every 汇总 above it. Its reports and their history stay.
     * A node that still has nodes under it cannot be removed: move or remove those first.
     */
    @Transactional
    public OrgNode remove(String code, Caller caller) {
        OrgNode node = OrgNode.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        if (node.removed()) {
            return node;
        }
        long children = OrgNode.activeChildren(code);
        if (children > 0) {
            throw new ConflictProblem(code + " still has " + children + " node(s) under it; move or remove them first");
        }
        node.removedAt = Instant.now();
        node.updatedAt = node.removedAt;
        node.revision++;
        publish(node);
        trail.record(caller, "node.remove", "units/" + code, code,
                "revision " + (node.revision - 1) + " → " + node.revision + ", removed");
        return node;
    }

    void publish(OrgNode node) {
        outbox.append(Topics.ORG_NODES, node.code, OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION,
                new OrgNodeChanged(node.code, node.name, NodeKind.fromId(node.kind),
                        node.unitType == null ? null : UnitType.fromLabel(node.unitType), node.parentCode, node.revision,
                        node.removed()));
    }

    private static void checkParent(String code, NodeKind kind, String parentCode, List<Violation> v) {
        if (parentCode == null) {
            if (!kind.mayBeRoot()) {
                v.add(new Violation("parent", "required: a " + kind.id() + " must hang under a "
                        + kind.allowedParents().stream().map(NodeKind::id).sorted().toList()));
            }
            return;
        }
        OrgNode parent = OrgNode.findById(parentCode);
        if (parent == null) {
            v.add(new Violation("parent", "no node has the code '" + parentCode + "'; register the parent first"));
            return;
        }
        if (parent.removed()) {
            v.add(new Violation("parent", parentCode + " was removed from the tree; register it again first"));
            return;
        }
        NodeKind parentKind = NodeKind.fromId(parent.kind);
        if (!kind.allowedParents().contains(parentKind)) {
            v.add(new Violation("parent", "a " + kind.id() + " cannot hang under the " + parentKind.id() + " "
                    + parentCode + "; allowed parents: "
                    + kind.allowedParents().stream().map(NodeKind::id).sorted().toList()));
            return;
        }
        // Walk up from the new parent: meeting the node itself means the move would close a cycle.
        Set<String> seen = new HashSet<>();
        for (OrgNode n = parent; n != null; n = n.parentCode == null ? null : OrgNode.findById(n.parentCode)) {
            if (n.code.equals(code)) {
                v.add(new Violation("parent", "'" + parentCode + "' lies under " + code
                        + "; hanging " + code + " there would make a cycle"));
                return;
            }
            if (!seen.add(n.code)) {
                throw new IllegalStateException("the stored tree has a cycle at " + n.code);
            }
        }
    }
}
