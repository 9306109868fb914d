package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a node stands from a year on, as the node's {@link cn.finalaccounts.fiscal.events.OrgNodeChanged} history says:
 * the tree of a year is, for every node, its version with the latest {@code fromYear} not after that year. Every walk
 * a year's 汇总 needs (children, units under a node, parents) reads that year's tree.
 */
@Entity
@Table(name = "org_node_version")
@IdClass(OrgNodeVersion.Key.class)
public class OrgNodeVersion extends PanacheEntityBase {
    /** The composite key: a node and the year its version holds from. */
    public record Key(String code, int fromYear) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    /** A version of a node standing in a year: one whose {@code fromYear} is the latest not after it. */
    private static final String STANDING = " v.fromYear <= :year and not exists (select w.code from OrgNodeVersion w"
            + " where w.code = v.code and w.fromYear > v.fromYear and w.fromYear <= :year)";

    @Id
    @Column(length = 64)
    public String code;

    @Id
    @Column(name = "from_year")
    public int fromYear;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 16)
    public String kind;

    @Column(name = "unit_type", length = 16)
    public String unitType;

    @Column(name = "parent_code", length = 64)
    public String parentCode;

    @Column(nullable = false)
    public boolean removed;

    /** How the node stands in the year (removed or not); empty before its first year or for an unknown code. */
    public static Optional<OrgNodeVersion> at(String code, int year) {
        return find("from OrgNodeVersion v where v.code = :code and" + STANDING,
                Parameters.with("code", code).and("year", year)).firstResultOptional();
    }

    /** The node's stored history; empty for a node not known yet. */
    public static Optional<NodeHistory> historyOf(String code) {
        List<OrgNodeVersion> rows = list("code = ?1 order by fromYear", code);
        return rows.isEmpty() ? Optional.empty() : Optional.of(new NodeHistory(rows.stream().map(OrgNodeVersion::version).toList()));
    }

    /** Replaces the node's history with the one an event carries. */
    public static void store(String code, String kind, NodeHistory history) {
        // Row by row through the persistence context, which may hold them already (a bulk delete would leave
        // those copies behind and a new row with the same key would clash with them).
        Map<Integer, OrgNodeVersion> kept = new HashMap<>();
        OrgNodeVersion.<OrgNodeVersion>list("code", code).forEach(r -> kept.put(r.fromYear, r));
        for (NodeVersion v : history.versions()) {
            OrgNodeVersion row = kept.remove(v.fromYear());
            boolean added = row == null;
            if (added) {
                row = new OrgNodeVersion();
                row.code = code;
                row.fromYear = v.fromYear();
            }
            row.name = v.name();
            row.kind = kind;
            row.unitType = v.unitType() == null ? null : v.unitType().label();
            row.parentCode = v.parentCode();
            row.removed = v.removed();
            if (added) {
                row.persist();
            }
        }
        kept.values().forEach(OrgNodeVersion::delete);
    }

    /** The nodes directly under a node in the year's tree. */
    public static List<OrgNodeVersion> childrenOf(String code, int year) {
        return childrenOf(List.of(code), year).stream().sorted(Comparator.comparing(n -> n.code)).toList();
    }

    /** The units a node's 汇总 of the year counts: the node itself if it is a unit in the year, and every unit below. */
    public static List<OrgNodeVersion> unitsUnder(String code, int year) {
        List<OrgNodeVersion> units = new ArrayList<>();
        at(code, year).filter(n -> "unit".equals(n.kind) && !n.removed).ifPresent(units::add);
        descendantsOf(List.of(code), year).stream().filter(n -> "unit".equals(n.kind)).forEach(units::add);
        return units;
    }

    /** Every node below the given ones in the year's tree, breadth first, one query per level. */
    public static List<OrgNodeVersion> descendantsOf(Collection<String> codes, int year) {
        List<OrgNodeVersion> all = new ArrayList<>();
        Set<String> level = new LinkedHashSet<>(codes);
        Set<String> seen = new HashSet<>(codes);
        while (!level.isEmpty()) {
            List<OrgNodeVersion> children = childrenOf(level, year);
            level = new LinkedHashSet<>();
            for (OrgNodeVersion child : children) {
                if (seen.add(child.code)) {
                    all.add(child);
                    level.add(child.code);
                }
            }
        }
        return all;
    }

    /** The parent of every node in the year's tree (null at the top or out of the tree), in one query. */
    public static Map<String, String> parentsIn(int year) {
        Map<String, String> parents = new HashMap<>();
        for (OrgNodeVersion v : OrgNodeVersion.<OrgNodeVersion>list("from OrgNodeVersion v where" + STANDING,
                Parameters.with("year", year))) {
            parents.put(v.code, v.removed ? null : v.parentCode);
        }
        return parents;
    }

    /** Every code some node hangs under in some year: the nodes whose 汇总 sum more than one unit. */
    public static Set<String> parentsInSomeYear() {
        return new HashSet<>(getEntityManager().createQuery("select distinct v.parentCode from OrgNodeVersion v"
                + " where v.parentCode is not null and v.removed = false", String.class).getResultList());
    }

    private static List<OrgNodeVersion> childrenOf(Collection<String> parents, int year) {
        return list("from OrgNodeVersion v where v.parentCode in :parents and v.removed = false and" + STANDING,
                Parameters.with("parents", parents).and("year", year));
    }

    private NodeVersion version() {
        return new NodeVersion(fromYear, name, unitType == null ? null : UnitType.fromLabel(unitType), parentCode, removed);
    }
}
