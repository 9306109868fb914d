package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 汇总 by scope on the tree H-R → H-D1 → H-U1 and H-R → H-D2 → H-U2: each department sees its own only. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ScopedReadsTest {
    /** Every read of a node's 汇总, the node left to fill in. */
    private static final List<String> READS = List.of("/api/v1/summaries/%s/2023", "/api/v1/summaries/%s/2023/units",
            "/api/v1/summaries/%s/2023/performance", "/api/v1/summaries/%s/2023/funds",
            "/api/v1/summaries/%s/2023/findings", "/api/v1/summaries/%s/2023/cells/01/income_total/1/lineage",
            "/api/v1/summaries/%s/2023/children");

    @Test
    void aReaderOfOneDepartmentGets403OnAnotherDepartmentsSummaryAnd200OnItsOwn() {
        try (EventProducer events = new EventProducer()) {
            events.tree("H-R", "H-D1", "H-U1");
            events.node("H-D2", "另一部门", NodeKind.DEPARTMENT, "H-R", 1);
            events.node("H-U2", "另一单位", NodeKind.UNIT, "H-D2", 1);
            events.report(EventProducer.seedReport("H-U1"), 1);
            events.report(EventProducer.seedReport("H-U2", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("H-R").get("/api/v1/summaries/H-R/2023")
                .then().statusCode(200).body("freshness.unitsIn", equalTo(2)));
        Person d1 = Person.reader("H-D1");

        As.person(d1).get("/api/v1/summaries/H-D1/2023").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount",
                        equalTo("0.16"));
        As.person(d1).get("/api/v1/summaries/H-D2/2023").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("H-D2 is not within H-D1"));
        for (String read : READS) {
            As.person(d1).get(read.formatted("H-D1")).then().statusCode(200);
            As.person(d1).get(read.formatted("H-U1")).then().statusCode(200);
            As.person(d1).get(read.formatted("H-D2")).then().statusCode(403).contentType("application/problem+json");
            As.person(d1).get(read.formatted("H-U2")).then().statusCode(403);
            // Upwards is out of scope too: the region's 汇总 would show the other department's figures in its sums.
            As.person(d1).get(read.formatted("H-R")).then().statusCode(403);
        }
        // The region's reader sees both departments in its own sum.
        As.readerOf("H-R").get("/api/v1/summaries/H-R/2023").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount",
                        equalTo("0.42"));
    }
}
