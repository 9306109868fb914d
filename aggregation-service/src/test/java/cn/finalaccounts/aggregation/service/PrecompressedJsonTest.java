package cn.finalaccounts.aggregation.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** An answer compressed once up to its per-read part, then completed per read: any gzip reader gets the whole. */
class PrecompressedJsonTest {
    @Test
    void theGzipOfAnAnswerDecompressesToTheHeadFollowedByThePerReadTail() throws IOException {
        StringBuilder tables = new StringBuilder("{\"node\":\"R\",\"tables\":[");
        for (int i = 0; i < 5_000; i++) {
            tables.append("{\"row\":\"2080").append(i).append("\",\"col\":\"1\",\"rowLabel\":\"行政运行\",\"amount\":\"")
                    .append(i * 7).append(".25\"},");
        }
        tables.append("{}],\"freshness\":");
        byte[] head = tables.toString().getBytes(StandardCharsets.UTF_8);
        PrecompressedJson answer = new PrecompressedJson(head);
        byte[] tail = "{\"unitsExpected\":3,\"pendingEvents\":0}}".getBytes(StandardCharsets.UTF_8);

        byte[] gzip = answer.gzip(tail);

        assertArrayEquals(answer.plain(tail), gunzip(gzip));
        assertTrue(gzip.length < head.length / 5, gzip.length + " bytes of " + head.length);
        // Another read, another tail, the same head compressed once.
        byte[] other = "{\"unitsExpected\":4}}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(answer.plain(other), gunzip(answer.gzip(other)));
    }

    @Test
    void anEmptyTailAndAnEmptyHeadAreStillWholeGzipMembers() throws IOException {
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8),
                gunzip(new PrecompressedJson("{}".getBytes(StandardCharsets.UTF_8)).gzip(new byte[0])));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8),
                gunzip(new PrecompressedJson(new byte[0]).gzip("{}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aTailLargerThanAStoredBlockIsRefused() {
        PrecompressedJson answer = new PrecompressedJson(new byte[10]);
        assertThrows(IllegalArgumentException.class, () -> answer.gzip(new byte[65_536]));
    }

    @Test
    void theCombinedCrcIsTheCrcOfBothPartsOneAfterTheOther() {
        Random random = new Random(22);
        for (int length : new int[] {0, 1, 2, 3, 7, 64, 1_000, 65_535, 300_000}) {
            byte[] first = new byte[random.nextInt(5_000)];
            byte[] second = new byte[length];
            random.nextBytes(first);
            random.nextBytes(second);
            CRC32 whole = new CRC32();
            whole.update(first);
            whole.update(second);
            assertEquals(whole.getValue(), PrecompressedJson.crc32Combine(crc(first), crc(second), length),
                    "second part of " + length + " bytes");
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
