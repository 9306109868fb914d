package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: while every database connection of the service is killed, again and again, a request gets either its
 * answer or a 503 problem+json with Retry-After — never a bare 500 — and the service works again afterwards.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class DatabaseOutageTest {
    @Test
    void whileEveryConnectionIsKilledRequestsGetA503ProblemWithRetryAfterNeverABare500() throws Exception {
        // Roots are the operator's: a reader at DB-R reads, and each DB-N region is put by the operator.
        as(Person.operator()).contentType(ContentType.JSON).body("{\"name\": \"怀化市\", \"kind\": \"region\"}")
                .put("/api/v1/units/DB-R").then().statusCode(201);
        AtomicBoolean outage = new AtomicBoolean(true);
        Thread killer = new Thread(() -> killConnectionsWhile(outage), "connection-killer");
        killer.start();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            Response r = i % 2 == 0 ? as(Person.reader("DB-R")).get("/api/v1/units/DB-R")
                    : as(Person.operator()).contentType(ContentType.JSON).body("{\"name\": \"区" + i + "\", \"kind\": \"region\"}")
                            .put("/api/v1/units/DB-N" + i);
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            boolean answered = r.statusCode() == 200 || r.statusCode() == 201;
            boolean unavailable = r.statusCode() == 503 && r.contentType().startsWith("application/problem+json")
                    && "5".equals(r.header("Retry-After"))
                    && "urn:final-accounts:problem:service-unavailable".equals(r.jsonPath().getString("type"));
            if (!answered && !unavailable && wrong.size() < 10) {
                wrong.add(r.statusCode() + " " + r.contentType() + " " + r.asString());
            }
        }
        outage.set(false);
        killer.join();
        System.out.println("database outage: answers by status " + byStatus);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(byStatus.getOrDefault(503, 0) > 0, "the outage was felt: " + byStatus);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as(Person.operator()).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市\", \"kind\": \"region\"}").put("/api/v1/units/DB-AFTER").then().statusCode(201));
        assertEquals(200, as(Person.reader("DB-AFTER")).get("/api/v1/units/DB-AFTER").statusCode());
    }

    /** Kills every connection of the service's database user from a root connection, every 20 ms. */
    private static void killConnectionsWhile(AtomicBoolean outage) {
        int port = ConfigProvider.getConfig().getOptionalValue("fa.db.port", Integer.class).orElse(3306);
        String user = ConfigProvider.getConfig().getValue("fa.db.user", String.class);
        try (Connection root = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
                Statement s = root.createStatement()) {
            while (outage.get()) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE user = '"
                        + user + "'")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    try {
                        s.execute("KILL CONNECTION " + id);
                    } catch (java.sql.SQLException gone) {
                        // closed meanwhile
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
