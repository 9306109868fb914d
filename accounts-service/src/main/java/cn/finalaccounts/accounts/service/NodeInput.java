package cn.finalaccounts.accounts.service;

/**
 * What a caller sends to create or change a node: {@code {"name": "怀化市人力资源和社会保障局", "kind":
 * "department", "parent": "431200"}}; units also give {@code "unitType": "参公"}. {@code fromYear} names the first
 * year the change holds for (a unit moved to another department in 2024: {@code "fromYear": 2024}); without it the
 * change amends the node's current standing from the year that holds from (every year for a node never changed by
 * year).
 */
public record NodeInput(String name, String kind, String parent, String unitType, Integer fromYear) {

    public NodeInput(String name, String kind, String parent, String unitType) {
        this(name, kind, parent, unitType, null);
    }
}
