package cn.finalaccounts.fiscal.catalogue;

/** 类 / 款 / 项: the depth of a 科目, told by the length of its code. */
public enum SubjectLevel {
    LEI("类"), KUAN("款"), XIANG("项");

    private final String label;

    SubjectLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SubjectLevel fromLabel(String label) {
        for (SubjectLevel l : values()) {
            if (l.label.equals(label)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown 科目 level: " + label);
    }
}
