package cn.finalaccounts.fiscal.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeHistoryTest {
    private static final UnitType CIVIL = UnitType.CIVIL_SERVICE_MANAGED;
    private final NodeHistory underRsj = NodeHistory.always("怀化市养老和工伤保险服务中心", CIVIL, "HH-RSJ", false);

    @Test
    void aNodeWithoutYearsStandsTheSameInEveryYear() {
        assertEquals("HH-RSJ", underRsj.parentAt(1990));
        assertEquals("HH-RSJ", underRsj.parentAt(2023));
        assertEquals(List.of(NodeHistory.ALWAYS), underRsj.years());
    }

    @Test
    void aMoveFromAYearLeavesTheYearsBeforeItWhereTheyWere() {
        NodeHistory moved = underRsj.from(new NodeVersion(2024, "怀化市养老和工伤保险服务中心", CIVIL, "HH-CZJ", false));

        assertEquals("HH-RSJ", moved.parentAt(2023));
        assertEquals("HH-CZJ", moved.parentAt(2024));
        assertEquals("HH-CZJ", moved.parentAt(2030));
        assertEquals("HH-CZJ", moved.latest().parentCode());
        assertEquals(List.of(0, 2024), moved.years());
    }

    @Test
    void aLaterChangeFromAnEarlierYearReplacesTheVersionsFromThatYearOn() {
        NodeHistory twice = underRsj.from(new NodeVersion(2025, "中心", CIVIL, "HH-CZJ", false))
                .from(new NodeVersion(2024, "中心", CIVIL, "HH-MZJ", false));

        assertEquals(List.of(0, 2024), twice.years());
        assertEquals("HH-MZJ", twice.parentAt(2026));
    }

    @Test
    void aChangeWithoutAYearRewritesEveryYear() {
        NodeHistory moved = underRsj.from(new NodeVersion(2024, "中心", CIVIL, "HH-CZJ", false))
                .from(new NodeVersion(NodeHistory.ALWAYS, "中心", CIVIL, "HH-MZJ", false));

        assertEquals(List.of(0), moved.years());
        assertEquals("HH-MZJ", moved.parentAt(2023));
    }

    @Test
    void aVersionThatSaysWhatTheYearBeforeSaidIsNoChange() {
        NodeHistory same = underRsj.from(new NodeVersion(2024, "怀化市养老和工伤保险服务中心", CIVIL, "HH-RSJ", false));

        assertEquals(underRsj, same);
    }

    @Test
    void aNodeCreatedFromAYearIsNotInTheTreesBeforeIt() {
        NodeHistory created = new NodeHistory(List.of(new NodeVersion(2024, "新单位", CIVIL, "HH-RSJ", false)));

        assertFalse(created.inTree(2023));
        assertNull(created.parentAt(2023));
        assertTrue(created.inTree(2024));
    }

    @Test
    void aNodeRemovedFromAYearStillCountsInTheYearsBefore() {
        NodeHistory closed = underRsj.from(new NodeVersion(2024, "怀化市养老和工伤保险服务中心", CIVIL, "HH-RSJ", true));

        assertTrue(closed.inTree(2023));
        assertEquals("HH-RSJ", closed.parentAt(2023));
        assertFalse(closed.inTree(2024));
        assertNull(closed.parentAt(2024));
    }

    @Test
    void aRenameMovesNothingAMoveFromAYearOrAFirstPlacingDoes() {
        NodeHistory renamed = underRsj.from(new NodeVersion(2024, "新名称", CIVIL, "HH-RSJ", false));
        NodeHistory moved = underRsj.from(new NodeVersion(2024, "怀化市养老和工伤保险服务中心", CIVIL, "HH-CZJ", false));

        assertFalse(NodeHistory.movesInSomeYear(underRsj, renamed));
        assertTrue(NodeHistory.movesInSomeYear(underRsj, moved));
        assertTrue(NodeHistory.movesInSomeYear(null, underRsj));
        assertFalse(NodeHistory.movesInSomeYear(null, NodeHistory.always("市", null, null, false)));
    }

    @Test
    void twoVersionsFromOneYearAreNoHistory() {
        assertThrows(IllegalArgumentException.class, () -> new NodeHistory(List.of(
                new NodeVersion(2024, "a", null, "X", false), new NodeVersion(2024, "b", null, "Y", false))));
        assertThrows(IllegalArgumentException.class, () -> new NodeHistory(List.of()));
    }
}
