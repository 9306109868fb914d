package cn.finalaccounts.fiscal.org;

/**
 * How a node of the organisation tree stands from a year on: its name, its unit type (units only), its parent (null at
 * the top) and whether it is out of the tree. {@code fromYear} {@value NodeHistory#ALWAYS} means from the beginning.
 */
public record NodeVersion(int fromYear, String name, UnitType unitType, String parentCode, boolean removed) {

    /** The same standing from another year. */
    public NodeVersion from(int year) {
        return new NodeVersion(year, name, unitType, parentCode, removed);
    }

    /** Whether the two say the same apart from the year they hold from. */
    public boolean sameStanding(NodeVersion other) {
        return from(0).equals(other.from(0));
    }

    /** The parent the node counts under: none once removed. */
    public String effectiveParent() {
        return removed ? null : parentCode;
    }
}
