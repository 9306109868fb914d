package cn.finalaccounts.aggregation.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * JSON text rendered once and written as is into every answer that carries it. Its UTF-8 bytes are encoded once
 * too: re-encoding a region's tables (hundreds of kilobytes, row labels in Chinese) for every reader was a quarter
 * of a read's CPU.
 */
@JsonSerialize(using = RawJson.Writer.class)
public final class RawJson {
    private final SerializedString text;

    RawJson(String json) {
        text = new SerializedString(json);
        text.asUnquotedUTF8(); // encodes now and keeps the bytes, rather than on the first reader's time
    }

    /** The JSON text itself, for a reader that needs the figures rather than the bytes (the .xlsx export). */
    String text() {
        return text.getValue();
    }

    static final class Writer extends StdSerializer<RawJson> {
        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(value.text);
        }
    }
}
