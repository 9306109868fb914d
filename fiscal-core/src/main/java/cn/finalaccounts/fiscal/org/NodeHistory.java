package cn.finalaccounts.fiscal.org;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of the tree year by year: a unit moved to another department in 2024 still counts in its old department's
 * 2023 汇总. Each version holds from its year until the next one's; before the first version's year the node is not
 * in the tree. Versions are kept in year order, and two neighbours never say the same thing.
 */
public record NodeHistory(List<NodeVersion> versions) {
    /** The year of a version that holds from the beginning: a change made without a year is true of every year. */
    public static final int ALWAYS = 0;
    /** The years a change may name: a 决算 year, four digits. */
    public static final int FIRST_YEAR = 1950;
    public static final int LAST_YEAR = 2999;

    public NodeHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a node's history has at least one version");
        }
        List<NodeVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparingInt(NodeVersion::fromYear));
        List<NodeVersion> merged = new ArrayList<>();
        for (NodeVersion v : sorted) {
            NodeVersion last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.fromYear() == v.fromYear()) {
                throw new IllegalArgumentException("two versions of a node hold from " + v.fromYear());
            }
            if (last == null || !last.sameStanding(v)) {
                merged.add(v);
            }
        }
        versions = List.copyOf(merged);
    }

    /** A node that has stood the same way in every year. */
    public static NodeHistory always(String name, UnitType unitType, String parentCode, boolean removed) {
        return new NodeHistory(List.of(new NodeVersion(ALWAYS, name, unitType, parentCode, removed)));
    }

    /** How the node stands in a year; empty before its first version. */
    public Optional<NodeVersion> at(int year) {
        NodeVersion found = null;
        for (NodeVersion v : versions) {
            if (v.fromYear() <= year) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether the node is part of the year's tree: it has a version then, and that version is not removed. */
    public boolean inTree(int year) {
        return at(year).filter(v -> !v.removed()).isPresent();
    }

    /** The parent the node counts under in a year: null at the top, out of the tree, or before its first year. */
    public String parentAt(int year) {
        return at(year).map(NodeVersion::effectiveParent).orElse(null);
    }

    /** The latest version: how the node stands from its last change on, which is how the tree stands today. */
    public NodeVersion latest() {
        return versions.get(versions.size() - 1);
    }

    /**
     * The history with {@code version} holding from its year on: versions from that year or later give way to it,
     * earlier ones stay. A version from {@link #ALWAYS} replaces the whole history.
     */
    public NodeHistory from(NodeVersion version) {
        List<NodeVersion> kept = new ArrayList<>(versions.stream().filter(v -> v.fromYear() < version.fromYear()).toList());
        kept.add(version);
        return new NodeHistory(kept);
    }

    /**
     * Whether a node whose history was {@code before} (null: not known yet) counts under another parent in some year
     * now. Parents change only at a version's year, so those years of either history are the ones to compare.
     */
    public static boolean movesInSomeYear(NodeHistory before, NodeHistory after) {
        Set<Integer> years = new TreeSet<>(after.years());
        if (before != null) {
            years.addAll(before.years());
        }
        return years.stream().anyMatch(y -> !Objects.equals(before == null ? null : before.parentAt(y),
                after.parentAt(y)));
    }

    /** The years in which the node's standing begins to differ from the year before, the first one included. */
    public List<Integer> years() {
        return versions.stream().map(NodeVersion::fromYear).toList();
    }
}
