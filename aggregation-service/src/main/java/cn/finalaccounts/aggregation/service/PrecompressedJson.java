package cn.finalaccounts.aggregation.service;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A JSON answer whose large first part is compressed once, and whose small last part (what changes from read to
 * read: the freshness) is added per read, as plain bytes or as one gzip member. The first part's deflate stream ends
 * with a sync flush, so it stops on a byte boundary without a final block; a read appends the last part as one
 * final stored block (no compression: it is a few hundred bytes), then the CRC-32 of the whole, which is combined
 * from the two parts' CRCs instead of read again over the first part. A region's 汇总 is 280 KB of JSON: deflating
 * it for every reader cost more than everything else a read does.
 */
public final class PrecompressedJson {
    /** gzip's member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** The largest stored block deflate allows. */
    private static final int MAX_STORED = 65_535;

    private final byte[] head;
    private final byte[] headDeflated;
    private final long headCrc;

    /** @param head the answer's bytes up to where the per-read part begins */
    public PrecompressedJson(byte[] head) {
        this.head = head;
        CRC32 crc = new CRC32();
        crc.update(head);
        this.headCrc = crc.getValue();
        // Level 6 (zlib's default): it runs once per change of the 汇总, not per read, so the smaller answer wins.
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(head);
            ByteArrayOutputStream out = new ByteArrayOutputStream(head.length / 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length); // a full buffer may hold back more of the flush
            this.headDeflated = out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The whole answer as plain bytes. */
    public byte[] plain(byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** The whole answer as one gzip member. */
    public byte[] gzip(byte[] tail) {
        if (tail.length > MAX_STORED) {
            throw new IllegalArgumentException("the per-read part of an answer is " + tail.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(tail);
        long whole = crc32Combine(headCrc, crc.getValue(), tail.length);
        long size = (long) head.length + tail.length;
        byte[] out = new byte[GZIP_HEADER.length + headDeflated.length + 5 + tail.length + 8];
        int at = 0;
        System.arraycopy(GZIP_HEADER, 0, out, at, GZIP_HEADER.length);
        at += GZIP_HEADER.length;
        System.arraycopy(headDeflated, 0, out, at, headDeflated.length);
        at += headDeflated.length;
        out[at++] = 1; // BFINAL, stored
        out[at++] = (byte) tail.length;
        out[at++] = (byte) (tail.length >>> 8);
        out[at++] = (byte) ~tail.length;
        out[at++] = (byte) (~tail.length >>> 8);
        System.arraycopy(tail, 0, out, at, tail.length);
        at += tail.length;
        at = littleEndian(out, at, whole);
        littleEndian(out, at, size & 0xffffffffL);
        return out;
    }

    /** Bytes of the first part as compressed once. */
    public int compressedHeadLength() {
        return headDeflated.length;
    }

    private static int littleEndian(byte[] out, int at, long value) {
        for (int i = 0; i < 4; i++) {
            out[at++] = (byte) (value >>> (8 * i));
        }
        return at;
    }

    /**
     * The CRC-32 of two byte sequences one after the other, from the CRC of each and the second's length: zlib's
     * {@code crc32_combine}, which the JDK does not expose. The CRC of the second part is run through {@code len2}
     * zero bytes' worth of the CRC's polynomial, as GF(2) matrices squared log₂(len2) times.
     */
    static long crc32Combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = 0xedb88320L; // the polynomial, reflected
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four
        do {
            square(even, odd);
            if ((len2 & 1) != 0) {
                crc1 = times(even, crc1);
            }
            len2 >>= 1;
            if (len2 == 0) {
                break;
            }
            square(odd, even);
            if ((len2 & 1) != 0) {
                crc1 = times(odd, crc1);
            }
            len2 >>= 1;
        } while (len2 != 0);
        return (crc1 ^ crc2) & 0xffffffffL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
