package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A region, a department, and under it the seed unit beside a supervising unit with a subordinate unit of its
 * own that it subsidises: every figure of the 汇总 is explained (lineage, drill-down), the 合并 eliminates the
 * subsidy, and the 汇总's audit names the unit whose figures cause each finding.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ExplainedSummaryTest {
    private static final EventProducer EVENTS = new EventProducer();

    private static final String SUPERVISOR = """
            {"unit": "B-P", "year": 2023, "amountUnit": "万元", "tables": [
              {"table": "01", "cells": [
                {"row": "general_budget_appropriation", "col": "1", "amount": "500.00"},
                {"row": "income_total", "col": "1", "amount": "500.00"},
                {"row": "income_grand_total", "col": "1", "amount": "500.00"},
                {"row": "208", "col": "2", "amount": "500.00"},
                {"row": "expense_total", "col": "2", "amount": "500.00"},
                {"row": "expense_grand_total", "col": "2", "amount": "500.00"}]},
              {"table": "02", "cells": [
                {"row": "2080109", "col": "1", "amount": "500.00"}, {"row": "2080109", "col": "2", "amount": "500.00"}]},
              {"table": "03", "cells": [
                {"row": "2080109", "col": "1", "amount": "500.00"}, {"row": "2080109", "col": "2", "amount": "400.00"},
                {"row": "2080109", "col": "6", "amount": "100.00"}]}]}""";
    private static final String SUBORDINATE = """
            {"unit": "B-U", "year": 2023, "amountUnit": "万元", "tables": [
              {"table": "01", "cells": [
                {"row": "superior_subsidy_income", "col": "1", "amount": "80.00"},
                {"row": "income_total", "col": "1", "amount": "80.00"},
                {"row": "income_grand_total", "col": "1", "amount": "80.00"},
                {"row": "208", "col": "2", "amount": "80.00"},
                {"row": "expense_total", "col": "2", "amount": "80.00"},
                {"row": "expense_grand_total", "col": "2", "amount": "80.00"}]},
              {"table": "02", "cells": [
                {"row": "2080109", "col": "1", "amount": "80.00"}, {"row": "2080109", "col": "3", "amount": "80.00"}]},
              {"table": "03", "cells": [
                {"row": "2080109", "col": "1", "amount": "80.00"}, {"row": "2080109", "col": "2", "amount": "80.00"}]}]}""";

    private static boolean published;

    /** Once for the class, after Quarkus is up (RestAssured's port is set only then). */
    @BeforeEach
    void publish() {
        if (published) {
            return;
        }
        published = true;
        EVENTS.node("B-R", "怀化市", NodeKind.REGION, null, 1);
        EVENTS.node("B-D", "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, "B-R", 1);
        EVENTS.node("B-V", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "B-D", 1);
        EVENTS.node("B-P", "主管单位", NodeKind.UNIT, "B-D", 1);
        EVENTS.node("B-U", "所属单位", NodeKind.UNIT, "B-P", 1);
        EVENTS.report(EventProducer.seedReport("B-V"), 1);
        EVENTS.report(EventProducer.parse(SUPERVISOR), 1);
        EVENTS.report(EventProducer.parse(SUBORDINATE), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("B-R").get("/api/v1/summaries/B-R/2023").then()
                .statusCode(200).body("freshness.unitsIn", equalTo(3)));
    }

    @AfterAll
    static void close() {
        EVENTS.close();
    }

    /** Issue 10: these answered 200 with 0.00. */
    @Test
    void theLineageOfACellNoReportCanHaveIsNotFound() {
        for (String cell : List.of("99/income_total/1", "01/no_such_row/1", "01/income_total/99", "05/9999999/1")) {
            As.readerOf("B-R").get("/api/v1/summaries/B-R/2023/cells/" + cell + "/lineage").then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:final-accounts:problem:not-found"));
        }
        As.readerOf("B-R").get("/api/v1/summaries/B-R/1999/cells/01/income_total/1/lineage").then().statusCode(404)
                .contentType("application/problem+json");
        // A cell of the template that no unit filled is a real figure of 0.00.
        As.readerOf("B-R").get("/api/v1/summaries/B-R/2023/cells/01/business_income/1/lineage").then().statusCode(200)
                .body("unitsTotal", equalTo("0.00"));
    }

    @Test
    void aFigureIsTracedToTheChildrenAndTheUnitReportVersionsBehindIt() {
        JsonPath lineage = As.readerOf("B-R").get("/api/v1/summaries/B-R/2023/cells/01/income_total/1/lineage")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("1481.39", lineage.getString("amount"));
        assertEquals("本年收入合计", lineage.getString("rowLabel"));
        assertEquals(List.of("B-D"), lineage.getList("children.node"));
        assertEquals(List.of("1481.39"), lineage.getList("children.amount"));
        assertEquals(List.of("B-P", "B-U", "B-V"), lineage.getList("units.unit"));
        assertEquals(List.of("500.00", "80.00", "901.39"), lineage.getList("units.amount"));
        assertEquals(List.of(1, 1, 1), lineage.getList("units.version"));
        assertEquals("1481.39", lineage.getString("unitsTotal"));
        As.readerOf("B-P").get("/api/v1/summaries/B-P/2023/cells/01/income_total/1/lineage").then()
                .body("units.unit", contains("B-P", "B-U"))
                .body("children.node", contains("B-U"));
    }

    @Test
    void drillDownShowsEachChildsFiguresOfOneTable() {
        As.readerOf("B-D").get("/api/v1/summaries/B-D/2023/children?table=01").then().statusCode(200)
                .body("node", contains("B-P", "B-V"))
                .body("[0].unitsIn", equalTo(2))
                .body("[0].cells.find { it.row == 'income_total' }.amount", equalTo("580.00"))
                .body("[1].cells.find { it.row == 'income_total' }.amount", equalTo("901.39"))
                // Each cell says what its row is, as the 汇总's own cells do (issue 20: it was null here).
                .body("[0].cells.find { it.row == 'income_total' }.rowLabel", equalTo("本年收入合计"))
                .body("[1].cells.find { it.row == '208' }.rowLabel", equalTo("社会保障和就业支出"));
        // A table the year has not is refused by name; a year without template is not found.
        As.readerOf("B-D").get("/api/v1/summaries/B-D/2023/children?table=99").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("table"))
                .body("violations[0].reason", startsWith("'99' is not a table of 2023"));
        As.readerOf("B-D").get("/api/v1/summaries/B-D/1999/children").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theConsolidationEliminatesTheInternalSubsidyAndListsWhatIsLeft() {
        JsonPath simple = As.readerOf("B-D").get("/api/v1/summaries/B-D/2023").then().statusCode(200).extract().jsonPath();
        JsonPath merged = As.readerOf("B-D").get("/api/v1/summaries/B-D/2023?mode=consolidated").then().statusCode(200)
                .body("mode", equalTo("consolidated"))
                .body("eliminations.size()", equalTo(1))
                .body("eliminations[0].flow", equalTo("上级补助收入 ↔ 对附属单位补助支出"))
                .body("eliminations[0].supervisor", equalTo("B-P"))
                .body("eliminations[0].subordinates", contains("B-U"))
                .body("eliminations[0].row", equalTo("2080109"))
                .body("eliminations[0].income", equalTo("80.00"))
                .body("eliminations[0].expense", equalTo("100.00"))
                .body("eliminations[0].eliminated", equalTo("80.00"))
                .body("eliminations[0].unmatchedExpense", equalTo("20.00"))
                .extract().jsonPath();

        assertEquals("1481.39", cell(simple, "01", "income_total", "1"));
        assertEquals("1401.39", cell(merged, "01", "income_total", "1"));
        assertEquals("80.00", cell(simple, "01", "superior_subsidy_income", "1"));
        assertEquals(null, cell(merged, "01", "superior_subsidy_income", "1"));
        assertEquals("100.00", cell(simple, "03", "total", "6"));
        assertEquals("20.00", cell(merged, "03", "total", "6"));
        assertEquals("1401.39", cell(merged, "01", "expense_total", "2"));
        // A unit alone has nothing to eliminate; the region eliminates the same flow.
        As.readerOf("B-V").get("/api/v1/summaries/B-V/2023?mode=consolidated").then().body("eliminations.size()", equalTo(0));
        As.readerOf("B-R").get("/api/v1/summaries/B-R/2023?mode=consolidated").then().body("eliminations[0].eliminated", equalTo("80.00"));
        As.readerOf("B-R").get("/api/v1/summaries/B-R/2023?mode=merged").then().statusCode(422)
                .body("violations[0].field", equalTo("mode"));
    }

    @Test
    void theAuditOfTheSummaryNamesTheUnitsWhoseFiguresCauseEachFinding() {
        JsonPath findings = As.readerOf("B-D").get("/api/v1/summaries/B-D/2023/findings").then().statusCode(200)
                .extract().jsonPath();

        List<String> seedErrors = List.of("A7.05@05.total.2", "A14@05.total.1", "B7@05.total.2", "A19@09.sangong.1");
        for (String key : seedErrors) {
            String rule = key.substring(0, key.indexOf('@'));
            String[] cell = key.substring(key.indexOf('@') + 1).split("\\.");
            assertEquals(List.of("B-V"), findings.getList("find { it.rule == '" + rule + "' && it.cell.table == '"
                    + cell[0] + "' && it.cell.row == '" + cell[1] + "' && it.cell.col == '" + cell[2] + "' }.units"), key);
        }
        assertEquals("695.12", findings.getString("find { it.rule == 'A7.05' }.printed"));
        // Every finding of the 汇总 is traced to at least one unit.
        assertEquals(List.of(), findings.getList("findAll { it.units.isEmpty() }.rule"));
    }

    private static String cell(JsonPath summary, String table, String row, String col) {
        return summary.getString("tables.find { it.table == '" + table + "' }.cells.find { it.row == '" + row
                + "' && it.col == '" + col + "' }.amount");
    }
}
