package cn.finalaccounts.accounts.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A report's body stored compressed, in the format of MySQL's COMPRESS() (the SQL side, UNCOMPRESS on what the
 * service wrote and COMPRESS read by the service, is exercised by AuditTrailTest and KeptAuditTest).
 */
class CompressedTextTest {
    @Test
    void theSeedReportComesBackExactlyAndTakesAFifthOfTheSpace() throws Exception {
        String seed = Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"));

        byte[] stored = CompressedText.encode(seed);

        assertEquals(seed, CompressedText.decode(stored));
        int plain = seed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(stored.length < plain / 5, stored.length + " bytes stored for " + plain);
        // The length in front, low byte first, as COMPRESS() writes it; then a zlib stream (0x78 …).
        assertEquals(plain, (stored[0] & 0xff) | (stored[1] & 0xff) << 8 | (stored[2] & 0xff) << 16);
        assertEquals(0x78, stored[4] & 0xff);
    }

    @Test
    void anEmptyTextIsStoredEmptyAsCompressDoes() {
        assertArrayEquals(new byte[0], CompressedText.encode(""));
        assertEquals("", CompressedText.decode(new byte[0]));
    }

    @Test
    void aTruncatedOrMislabelledValueIsRefusedNotReadAsSomethingElse() {
        byte[] stored = CompressedText.encode("{\"unit\": \"单位\", \"amount\": \"901.39\"}");
        assertThrows(IllegalStateException.class, () -> CompressedText.decode(Arrays.copyOf(stored, stored.length - 3)));
        byte[] longer = stored.clone();
        longer[0]++;
        assertThrows(IllegalStateException.class, () -> CompressedText.decode(longer));
        assertThrows(IllegalStateException.class, () -> CompressedText.decode("plain text".getBytes()));
    }
}
