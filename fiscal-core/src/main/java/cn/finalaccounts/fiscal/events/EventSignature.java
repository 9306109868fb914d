package cn.finalaccounts.fiscal.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every record of the platform carries, so that a consumer can tell a record its producer wrote from
 * one anybody else with access to the broker wrote: an HMAC-SHA256, keyed with the producer's secret, over the
 * producer's name, the topic, the key and the value. A record's meaning is all in those four (no other header
 * changes how it is read); a header that ever does must join the signed bytes, with a new {@link #SCHEME}.
 *
 * <p>The signed bytes are the scheme's name, then each field as its UTF-8 bytes preceded by their length (four
 * bytes, big-endian; -1 for an absent key), so no two different records sign the same bytes. The signature goes
 * in the header {@value #SIGNATURE_HEADER} as base64, the producer's name in {@value #PRODUCER_HEADER}.
 */
public final class EventSignature {
    /** The name of the service that wrote the record ({@link Topics#writerOf}): accounts, performance, aggregation. */
    public static final String PRODUCER_HEADER = "fa-producer";
    /** Base64 of the HMAC-SHA256 of the signed bytes under the producer's key. */
    public static final String SIGNATURE_HEADER = "fa-signature";
    /** Names the layout of the signed bytes; part of them. */
    public static final String SCHEME = "fa-event-hmac-sha256/1";
    /** The shortest key accepted: 32 characters (a key of 32 random bytes in base64 has 44). */
    public static final int MIN_KEY_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private EventSignature() {
    }

    /** The base64 signature of a record written by {@code producer} under {@code secret}. */
    public static String sign(String secret, String producer, String topic, String key, String value) {
        return Base64.getEncoder().encodeToString(mac(secret, producer, topic, key, value));
    }

    /**
     * Why the record is not genuine, or null when it is: it names {@code writer}, the one producer that may write its
     * topic, and its signature is the HMAC under one of that producer's {@code keys} (the current and, during a
     * rotation, the previous ones). The comparison takes the same time wherever the signatures differ.
     *
     * @param writer who may write the record's topic ({@link Topics#writerOf}); null: nobody
     * @param producer the {@value #PRODUCER_HEADER} header as text, null when absent
     * @param signature the {@value #SIGNATURE_HEADER} header as text, null when absent
     */
    public static String refusal(String writer, List<String> keys, String producer, String signature, String topic,
            String key, String value) {
        if (signature == null || producer == null) {
            return "unsigned record: no " + (producer == null ? PRODUCER_HEADER : SIGNATURE_HEADER) + " header";
        }
        if (writer == null) {
            return "no producer may write topic " + topic;
        }
        if (!writer.equals(producer)) {
            return "producer '" + printable(producer) + "' may not write " + topic + " (only " + writer + " may)";
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return "signature is not base64";
        }
        boolean matches = false;
        for (String secret : keys) {
            // Every key is tried, matched or not: the time taken does not tell which key of the list signed.
            matches |= MessageDigest.isEqual(mac(secret, producer, topic, key, value), given);
        }
        return matches ? null : "signature does not match any key of producer " + producer;
    }

    private static byte[] mac(String secret, String producer, String topic, String key, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            field(mac, SCHEME);
            field(mac, producer);
            field(mac, topic);
            field(mac, key);
            field(mac, value);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void field(Mac mac, String text) {
        if (text == null) {
            mac.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    /** A header's text as it may go into a reason: short, and nothing that is not printable. */
    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shortened.replaceAll("[^\\p{Graph} ]", "?");
    }
}
