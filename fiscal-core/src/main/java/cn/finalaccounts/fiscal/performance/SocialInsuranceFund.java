package cn.finalaccounts.fiscal.performance;

import java.util.Arrays;
import java.util.Optional;

/**
 * The social-insurance funds whose statistics a 社保经办机构 reports, with what its member counts and its main
 * expenditure are called: 在职/退休 and 待遇支出 for the pensions, 缴费/发放 and 上解上级支出 for 职业年金, one
 * count and 待遇支出 for 工伤保险.
 */
public enum SocialInsuranceFund {
    ENTERPRISE_PENSION("enterprise-pension", "企业职工基本养老保险", "在职", "退休", "待遇支出", true),
    PUBLIC_PENSION("public-pension", "机关事业单位养老保险", "在职", "退休", "待遇支出", true),
    OCCUPATIONAL_ANNUITY("occupational-annuity", "职业年金", "缴费", "发放", "上解上级支出", false),
    WORK_INJURY("work-injury", "工伤保险", null, null, "待遇支出", false);

    private final String id;
    private final String label;
    private final String activeLabel;
    private final String retiredLabel;
    private final String benefitLabel;
    private final boolean membersAddUp;

    SocialInsuranceFund(String id, String label, String activeLabel, String retiredLabel, String benefitLabel,
            boolean membersAddUp) {
        this.id = id;
        this.label = label;
        this.activeLabel = activeLabel;
        this.retiredLabel = retiredLabel;
        this.benefitLabel = benefitLabel;
        this.membersAddUp = membersAddUp;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** 在职 or 缴费; null when the fund reports one count only. */
    public String activeLabel() {
        return activeLabel;
    }

    public String retiredLabel() {
        return retiredLabel;
    }

    public String benefitLabel() {
        return benefitLabel;
    }

    /** Whether 参保人数 = 在职 + 退休 must hold (not for 职业年金, whose 缴费 and 发放 are separate counts). */
    public boolean membersAddUp() {
        return membersAddUp;
    }

    public static Optional<SocialInsuranceFund> parse(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
