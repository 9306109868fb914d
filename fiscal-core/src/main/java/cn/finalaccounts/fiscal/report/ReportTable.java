package cn.finalaccounts.fiscal.report;

import java.util.List;

/** The filled cells of one 公开表 ("01" … "09"). */
public record ReportTable(String table, List<ReportCell> cells) {
}
