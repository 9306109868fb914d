package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TemplateResourceTest {
    @Test
    void table01ListsItsRowsAndColumnsWithPrintedLabels() {
        as(Person.reader("ANYWHERE")).get("/api/v1/templates/2023").then().statusCode(200)
                .body("tables.table", contains("01", "02", "03", "04", "05", "06", "07", "08", "09", "N"))
                .body("tables[0].name", equalTo("收入支出决算总表"))
                .body("tables[0].columns.id", contains("1", "2"))
                .body("tables[0].columns.group", contains("收入", "支出"))
                .body("tables[0].rows.find { it.id == 'general_budget_appropriation' }.label", equalTo("一、一般公共预算财政拨款收入"))
                .body("tables[0].rows.find { it.id == 'general_budget_appropriation' }.line", equalTo(1))
                .body("tables[0].rows.find { it.id == '208' }.label", equalTo("社会保障和就业支出"))
                .body("tables[0].rows.find { it.id == '208' }.code", equalTo("208"))
                .body("tables[0].rows.label", hasItems("本年收入合计", "本年支出合计", "年末结转和结余", "总计"))
                .body("tables[4].subjectRows.classification", equalTo("functional"))
                .body("tables[4].subjectRows.levels", contains("类", "款", "项"));
    }

    @Test
    void aYearWithoutTemplateIs404() {
        as(Person.reader("ANYWHERE")).get("/api/v1/templates/2031").then().statusCode(404).contentType("application/problem+json");
    }
}
