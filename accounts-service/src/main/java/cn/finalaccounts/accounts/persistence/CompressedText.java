package cn.finalaccounts.accounts.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text stored compressed in MySQL's {@code COMPRESS()} format, so that {@code UNCOMPRESS(column)} shows it in SQL on
 * MariaDB and MySQL alike: an empty string stays empty; otherwise the length of the UTF-8 bytes as four bytes, low
 * byte first, then a zlib stream of them. A report's JSON compresses about five to one; level 1, because a save
 * compresses and the CPU is what a report costs.
 */
public final class CompressedText {
    private CompressedText() {
    }

    public static byte[] encode(String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
            out.write(plain.length);
            out.write(plain.length >>> 8);
            out.write(plain.length >>> 16);
            out.write(plain.length >>> 24);
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    public static String decode(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length == 0) {
            return "";
        }
        if (stored.length < 5) {
            throw new IllegalStateException("stored text of " + stored.length + " bytes is not in COMPRESS() format");
        }
        int length = (stored[0] & 0xff) | (stored[1] & 0xff) << 8 | (stored[2] & 0xff) << 16 | (stored[3] & 0xff) << 24;
        if (length < 0) {
            throw new IllegalStateException("stored text claims " + Integer.toUnsignedString(length) + " bytes");
        }
        Inflater inflater = new Inflater();
        try {
            // MySQL may append a '.' after a stream that ends with a space; inflating stops at the stream's end.
            inflater.setInput(stored, 4, stored.length - 4);
            // One byte to spare: inflating on to the stream's end checks its Adler-32, and a longer stream shows.
            byte[] plain = new byte[length + 1];
            int n = 0;
            while (!inflater.finished() && n <= length) {
                int got = inflater.inflate(plain, n, plain.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != length || !inflater.finished()) {
                throw new IllegalStateException("stored text inflates to " + n + " bytes" + (inflater.finished() ? ""
                        : " without its end") + ", not the " + length + " it claims");
            }
            return new String(plain, 0, length, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored text is not a zlib stream", e);
        } finally {
            inflater.end();
        }
    }

    /** For the entities: the field is the text, the column its compressed bytes. */
    @Converter
    public static final class Column implements AttributeConverter<String, byte[]> {
        @Override
        public byte[] convertToDatabaseColumn(String text) {
            return text == null ? null : encode(text);
        }

        @Override
        public String convertToEntityAttribute(byte[] stored) {
            return decode(stored);
        }
    }
}
