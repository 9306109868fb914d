package cn.finalaccounts.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.support.fault.TransientFailures;
import cn.finalaccounts.support.json.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {
    private final ProblemMappers mappers = new ProblemMappers();
    private final ObjectMapper json = StrictJson.apply(new ObjectMapper());

    record Decision(String by, String reason) {
    }

    record Flag(Boolean applicable) {
    }

    @Test
    void aLostDatabaseIsA503WithRetryAfterHoweverDeeplyItIsWrapped() {
        List<Throwable> outages = List.of(
                new SQLTransientConnectionException("Connection is not available, request timed out"),
                new RuntimeException(new JDBCConnectionException("Unable to acquire JDBC Connection",
                        new SQLException("Communications link failure", "08S01"))),
                new IllegalStateException("commit failed", new RollbackException("rollback")
                        .initCause(new CommunicationsException("Communications link failure", null))),
                new RuntimeException(new SQLException("Sorry, acquisition timeout!")),
                new SQLException("Connection refused", "08001"));
        for (Throwable outage : outages) {
            Response r = mappers.unexpected(outage, null);
            assertEquals(503, r.getStatus(), outage.toString());
            assertEquals(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS), r.getHeaderString("Retry-After"));
            assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
            Problem p = (Problem) r.getEntity();
            assertEquals("urn:final-accounts:problem:service-unavailable", p.type());
            assertEquals(503, p.status());
        }
    }

    @Test
    void anyOtherFailureIsAProblem500WithAnErrorIdAndNoStack() {
        Response r = mappers.unexpected(new NullPointerException("boom"), null);
        assertEquals(500, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        Problem p = (Problem) r.getEntity();
        assertEquals("urn:final-accounts:problem:internal-error", p.type());
        assertTrue(p.detail().matches(".*error id [0-9a-f-]{36}\\)"), p.detail());
        assertFalse(p.detail().contains("boom"), "no internals in the answer");
        assertFalse(TransientFailures.isConnectionLoss(new SQLIntegrityConstraintViolationException("dup", "23000", 1062)));
    }

    @Test
    void aServerErrorTheCodeChoseKeepsItsStatusAsAProblem() {
        Response r = mappers.webApplication(new jakarta.ws.rs.ServiceUnavailableException(), null);
        assertEquals(503, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        Response notFound = mappers.webApplication(new jakarta.ws.rs.NotFoundException(), null);
        assertEquals(404, notFound.getStatus());
        assertEquals("urn:final-accounts:problem:http-404", ((Problem) notFound.getEntity()).type());
    }

    @Test
    void aDuplicateKeyIsNamedByItsJsonPath() {
        JsonProcessingException e = refused("{\"tables\": [{\"cells\": [{\"amount\": \"1.00\", \"amount\": \"-1000.00\"}]}]}",
                Object.class);
        Problem p = (Problem) mappers.malformedJson(e, null).getEntity();
        assertEquals(400, p.status());
        assertEquals("urn:final-accounts:problem:malformed-json", p.type());
        assertEquals("tables[0].cells[0].amount", p.violations().get(0).field());
        assertTrue(p.violations().get(0).reason().contains("Duplicate field 'amount'"), p.violations().get(0).reason());
    }

    @Test
    void scalarsAreNotCoercedAndTheFieldIsNamed() {
        Problem by = (Problem) mappers.malformedJson(refused("{\"by\": 123}", Decision.class), null).getEntity();
        assertEquals(400, by.status());
        assertEquals("by", by.violations().get(0).field());
        Problem flag = (Problem) mappers.malformedJson(refused("{\"applicable\": \"yes\"}", Flag.class), null).getEntity();
        assertEquals("applicable", flag.violations().get(0).field());
        Problem trailing = (Problem) mappers.malformedJson(refused("{\"by\": \"u\"} {}", Decision.class), null)
                .getEntity();
        assertEquals(400, trailing.status());
    }

    @Test
    void aLoneSurrogateIsRefusedInFieldsAndInTrees() throws Exception {
        Problem field = (Problem) mappers.malformedJson(refused("{\"by\": \"a\\ud800b\"}", Decision.class), null)
                .getEntity();
        assertEquals("by", field.violations().get(0).field());
        assertTrue(field.violations().get(0).reason().contains("lone surrogate"));
        try {
            json.readTree("{\"unit\": \"\\udc00\"}");
            throw new AssertionError("accepted");
        } catch (RuntimeException e) {
            Response r = mappers.unexpected(e, null);
            assertEquals(400, r.getStatus());
        }
        // A pair is one character and stays accepted.
        assertEquals("😀", json.readValue("{\"by\": \"\\ud83d\\ude00\"}", Decision.class).by());
    }

    @Test
    void invalidInputIs422WithEveryField() {
        Response r = mappers.invalidInput(new InvalidInputException("reason", "at most 2000 characters"), null);
        assertEquals(422, r.getStatus());
        assertEquals("reason", ((Problem) r.getEntity()).violations().get(0).field());
    }

    private JsonProcessingException refused(String body, Class<?> type) {
        try {
            json.readValue(body, type);
        } catch (JsonProcessingException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }
}
