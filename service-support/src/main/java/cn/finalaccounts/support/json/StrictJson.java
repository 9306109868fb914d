package cn.finalaccounts.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The services read request bodies as docs/api.md promises, refusing with 400 what Jackson would otherwise quietly
 * repair:
 * <ul>
 * <li>a key sent twice in one object (Jackson keeps the last: {@code "amount": "1.00", "amount": "-1000.00"} would
 * store −1000.00 although a reviewer reading the body sees 1.00 first);</li>
 * <li>a value of the wrong JSON type ({@code "by": 123}, {@code "name": 1}, {@code "applicable": "yes"}): scalars
 * are not coerced into strings, numbers or booleans;</li>
 * <li>text after the JSON value;</li>
 * <li>strings that are not valid Unicode, or hold controls, noncharacters or private-use characters
 * ({@link UnicodeText}; the latter a 422 naming the field).</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Also used by tests and by code that builds its own mapper. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-unicode").addDeserializer(String.class, new UnicodeStrings()));
        mapper.setNodeFactory(new UnicodeNodes());
        return mapper;
    }

    /** Strings bound to fields: the standard reading, then the Unicode check (the error then carries the path). */
    static final class UnicodeStrings extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            int bad = s == null ? -1 : UnicodeText.firstUnpairedSurrogate(s);
            if (bad >= 0) {
                throw InvalidFormatException.from(p, UnicodeText.reason(s, bad), s, String.class);
            }
            int forbidden = s == null ? -1 : UnicodeText.firstForbidden(s);
            if (forbidden >= 0) {
                // Carried as the cause: the mapper answers 422 naming the field (the path Jackson adds on the way out).
                String reason = UnicodeText.forbiddenReason(s, forbidden);
                throw JsonMappingException.from(p, reason, new UnacceptableTextProblem(reason));
            }
            return s;
        }
    }

    /** Strings inside bodies read as a tree (a report is read as JsonNode and checked cell by cell). */
    static final class UnicodeNodes extends JsonNodeFactory {
        @Override
        public TextNode textNode(String text) {
            int bad = text == null ? -1 : UnicodeText.firstUnpairedSurrogate(text);
            if (bad >= 0) {
                throw new InvalidUnicodeProblem(UnicodeText.reason(text, bad));
            }
            return super.textNode(text);
        }
    }
}
