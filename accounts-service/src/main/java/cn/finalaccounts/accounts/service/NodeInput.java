package cn.finalaccounts.accounts.service;

/**
 * What a caller sends to create or change a node: {@code {"name": "怀化市人力资源和社会保障局", "kind":
 * "department", "parent": "431200"}}; units also give {@code "unitType": "参公"}.
 */
public record NodeInput(String name, String kind, String parent, String unitType) {
}
