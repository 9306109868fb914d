package cn.finalaccounts.support.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {
    @Test
    void aBodyUpToTheLimitIsReadWhole() throws IOException {
        byte[] body = new byte[1000];
        try (InputStream in = new BodySizeLimit.CountingStream(new ByteArrayInputStream(body), 1000)) {
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    void theFirstBytePastTheLimitIsRefusedWhileReading() {
        InputStream in = new BodySizeLimit.CountingStream(new ByteArrayInputStream(new byte[1001]), 1000);
        BodyTooLargeProblem e = assertThrows(BodyTooLargeProblem.class, in::readAllBytes);
        assertEquals(1000, e.limit());
        InputStream oneByOne = new BodySizeLimit.CountingStream(new ByteArrayInputStream(new byte[3]), 2);
        assertThrows(BodyTooLargeProblem.class, () -> {
            while (oneByOne.read() >= 0) {
                // read on
            }
        });
    }

    @Test
    void theAnswerIsAProblem413() {
        Problem p = (Problem) new ProblemMappers().bodyTooLarge(new BodyTooLargeProblem(2097152), null).getEntity();
        assertEquals(413, p.status());
        assertEquals("urn:final-accounts:problem:body-too-large", p.type());
        assertEquals("$", p.violations().get(0).field());
    }
}
