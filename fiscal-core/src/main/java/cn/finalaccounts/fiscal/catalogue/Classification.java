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

    public static Classification fromId(String id) {
        for (Classification c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown classification: " + id);
    }
}
