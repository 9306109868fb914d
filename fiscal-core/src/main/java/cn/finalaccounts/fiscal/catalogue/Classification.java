package cn.finalaccounts.fiscal.catalogue;

/** The two classifications a 科目 row can be keyed by. */
public enum Classification {
    /** 支出功能分类 (类 3 digits / 款 5 / 项 7). */
    FUNCTIONAL("functional"),
    /** 部门预算支出经济分类 (类 3 digits / 款 5). */
    ECONOMIC("economic");

    private final String id;

    Classification(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The level a code of this classification has by its length (类 3 digits, 款 5, 项 7; the economic one stops at
     * 款), or empty for a code of another length.
     */
    public java.util.Optional<SubjectLevel> levelOf(String code) {
        SubjectLevel level = switch (code.length()) {
            case 3 -> SubjectLevel.LEI;
            case 5 -> SubjectLevel.KUAN;
            case 7 -> this == FUNCTIONAL ? SubjectLevel.XIANG : null;
            default -> null;
        };
        return java.util.Optional.ofNullable(level);
    }

    /** The lengths a code may have, for a refusal's reason. */
    public String codeLengths() {
        return this == FUNCTIONAL ? "3 digits (类), 5 (款) or 7 (项)" : "3 digits (类) or 5 (款)";
    }

    public static Classification fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown classification: " + id));
    }

    /** The classification of that id, or empty: for an id that comes from outside. */
    public static java.util.Optional<Classification> find(String id) {
        for (Classification c : values()) {
            if (c.id.equals(id)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
