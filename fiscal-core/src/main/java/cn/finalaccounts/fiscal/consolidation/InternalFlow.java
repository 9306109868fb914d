package cn.finalaccounts.fiscal.consolidation;

/**
 * The flows between a supervising unit (主管单位) and its subordinate units (所属单位) that a 合并 (consolidation)
 * eliminates (audit rules D1–D2): each is income on one side and expenditure on the other, classified by the same
 * 功能分类 项. Fiscal appropriations (04–09表) need none: each unit receives them directly from the treasury.
 */
public enum InternalFlow {
    /** 上级补助收入 of the subordinate ↔ 对附属单位补助支出 of the supervisor. */
    SUBSIDY("上级补助收入 ↔ 对附属单位补助支出", true, "3", "6", "superior_subsidy_income"),
    /** 附属单位上缴收入 of the supervisor ↔ 上缴上级支出 of the subordinate. */
    REMITTANCE("附属单位上缴收入 ↔ 上缴上级支出", false, "6", "4", "affiliate_remittance_income");

    private final String label;
    private final boolean subordinateReceives;
    private final String incomeColumn;
    private final String expenseColumn;
    private final String table01IncomeRow;

    InternalFlow(String label, boolean subordinateReceives, String incomeColumn, String expenseColumn,
            String table01IncomeRow) {
        this.label = label;
        this.subordinateReceives = subordinateReceives;
        this.incomeColumn = incomeColumn;
        this.expenseColumn = expenseColumn;
        this.table01IncomeRow = table01IncomeRow;
    }

    public String label() {
        return label;
    }

    /** Whether the subordinate is the receiving side (its income is the supervisor's expenditure). */
    boolean subordinateReceives() {
        return subordinateReceives;
    }

    /** The 公开02表 收入决算表 column of the income side. */
    String incomeColumn() {
        return incomeColumn;
    }

    /** The 公开03表 支出决算表 column of the expenditure side. */
    String expenseColumn() {
        return expenseColumn;
    }

    /** The 公开01表 row of the income side. */
    String table01IncomeRow() {
        return table01IncomeRow;
    }
}
