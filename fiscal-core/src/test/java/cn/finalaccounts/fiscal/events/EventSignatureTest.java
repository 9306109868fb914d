package cn.finalaccounts.fiscal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignatureTest {
    private static final String KEY = "a-test-key-of-at-least-thirty-two-chars";
    private static final String OLD = "the-previous-key-still-accepted-0000000";

    private static String refusal(List<String> keys, String producer, String signature, String topic, String key,
            String value) {
        return EventSignature.refusal(Topics.writerOf(topic), keys, producer, signature, topic, key, value);
    }

    @Test
    void aRecordSignedByItsTopicsProducerWithOneOfItsKeysIsGenuine() {
        String sig = EventSignature.sign(KEY, "accounts", Topics.UNIT_REPORTS, "U1", "{}");
        assertNull(refusal(List.of(KEY), "accounts", sig, Topics.UNIT_REPORTS, "U1", "{}"));
        // During a rotation the previous key is still accepted, wherever it stands in the list.
        String old = EventSignature.sign(OLD, "accounts", Topics.UNIT_REPORTS, "U1", "{}");
        assertNull(refusal(List.of(KEY, OLD), "accounts", old, Topics.UNIT_REPORTS, "U1", "{}"));
        // A null key signs apart from an empty one.
        assertNull(refusal(List.of(KEY), "accounts", EventSignature.sign(KEY, "accounts", Topics.UNIT_REPORTS, null,
                "{}"), Topics.UNIT_REPORTS, null, "{}"));
    }

    @Test
    void everySignedFieldCounts() {
        String sig = EventSignature.sign(KEY, "accounts", Topics.UNIT_REPORTS, "U1", "{\"a\":1}");
        String noKey = "signature does not match any key of producer accounts";
        assertEquals(noKey, refusal(List.of(KEY), "accounts", sig, Topics.UNIT_REPORTS, "U1", "{\"a\":2}"));
        assertEquals(noKey, refusal(List.of(KEY), "accounts", sig, Topics.UNIT_REPORTS, "U2", "{\"a\":1}"));
        assertEquals(noKey, refusal(List.of(KEY), "accounts", sig, Topics.UNIT_REPORTS, null, "{\"a\":1}"));
        assertEquals(noKey, refusal(List.of(KEY), "accounts", sig, Topics.ORG_NODES, "U1", "{\"a\":1}"));
        assertEquals(noKey, refusal(List.of(OLD), "accounts", sig, Topics.UNIT_REPORTS, "U1", "{\"a\":1}"));
        assertEquals(noKey, refusal(List.of(), "accounts", sig, Topics.UNIT_REPORTS, "U1", "{\"a\":1}"));
        // Field boundaries are part of the signed bytes: "U1" + "x" is not "U" + "1x".
        assertNotEquals(EventSignature.sign(KEY, "accounts", Topics.UNIT_REPORTS, "U1", "x"),
                EventSignature.sign(KEY, "accounts", Topics.UNIT_REPORTS, "U", "1x"));
    }

    @Test
    void unsignedWrongProducerAndMalformedSignaturesAreRefusedWithTheReason() {
        String perf = EventSignature.sign(KEY, "performance", Topics.UNIT_REPORTS, "U1", "{}");
        assertEquals("producer 'performance' may not write fa.accounts.unit-reports.v1 (only accounts may)",
                refusal(List.of(KEY), "performance", perf, Topics.UNIT_REPORTS, "U1", "{}"));
        assertEquals("unsigned record: no fa-producer header",
                refusal(List.of(KEY), null, null, Topics.UNIT_REPORTS, "U1", "{}"));
        assertEquals("unsigned record: no fa-signature header",
                refusal(List.of(KEY), "accounts", null, Topics.UNIT_REPORTS, "U1", "{}"));
        assertEquals("signature is not base64",
                refusal(List.of(KEY), "accounts", "not base64!", Topics.UNIT_REPORTS, "U1", "{}"));
        assertEquals("no producer may write topic fa.other.v1",
                refusal(List.of(KEY), "accounts", perf, "fa.other.v1", "U1", "{}"));
        assertEquals("producer 'a?b' may not write fa.accounts.org-nodes.v1 (only accounts may)",
                refusal(List.of(KEY), "a\nb", perf, Topics.ORG_NODES, "U1", "{}"));
    }

    @Test
    void eachTopicHasOneWriter() {
        assertEquals("accounts", Topics.writerOf(Topics.ORG_NODES));
        assertEquals("accounts", Topics.writerOf(Topics.UNIT_REPORTS));
        assertEquals("performance", Topics.writerOf(Topics.PERFORMANCE_PROJECTS));
        assertEquals("performance", Topics.writerOf(Topics.PERFORMANCE_FUNDS));
        assertEquals("aggregation", Topics.writerOf(Topics.AGGREGATION_DEAD_LETTERS));
        assertNull(Topics.writerOf("fa.accounts.unit-reports.v2"));
    }
}
