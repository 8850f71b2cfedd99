package dev.furlong.api.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Lenient scalars for The Racing API, which sends numbers as strings and writes a missing value as {@code ""},
 * {@code "-"} (racecards) or {@code "–"} (results) even in numeric fields. Those markers and JSON null read as Java
 * null; numbers are accepted as strings or JSON numbers; any other text fails with a {@code JsonMappingException}
 * naming the value and, through Jackson's reference chain, the field.
 */
public final class RacingApiModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Empty, hyphen, en dash, em dash. */
    private static final Set<String> MISSING = Set.of("", "-", "\u2013", "\u2014");

    public RacingApiModule() {
        super("RacingApiModule");
        // BigDecimal's grammar is plain decimal; Double.valueOf would also take "NaN", "0x1p3" and "8.5d".
        lenient(Integer.class, true, s -> new BigDecimal(s).intValueExact());
        lenient(Long.class, true, s -> new BigDecimal(s).longValueExact());
        lenient(Double.class, true, s -> new BigDecimal(s).doubleValue());
        lenient(BigDecimal.class, true, BigDecimal::new);
        lenient(LocalDate.class, false, LocalDate::parse);
        lenient(OffsetDateTime.class, false, OffsetDateTime::parse);
        // Without jackson-datatype-jsr310 Jackson refuses to write java.time values; ISO text round-trips.
        addSerializer(LocalDate.class, ToStringSerializer.instance);
        addSerializer(OffsetDateTime.class, ToStringSerializer.instance);
    }

    private <T> void lenient(Class<T> type, boolean acceptsJsonNumbers, Parser<T> parser) {
        addDeserializer(type, new Lenient<>(type, acceptsJsonNumbers, parser));
    }

    /** Jackson deserializers are Serializable, and so must be what they hold. */
    private interface Parser<T> extends Serializable {
        T parse(String text);
    }

    private static final class Lenient<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final Class<T> type;
        private final boolean acceptsJsonNumbers;
        private final Parser<T> parser;

        Lenient(Class<T> type, boolean acceptsJsonNumbers, Parser<T> parser) {
            super(type);
            this.type = type;
            this.acceptsJsonNumbers = acceptsJsonNumbers;
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING && !(number && acceptsJsonNumbers)) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText().trim();
            if (MISSING.contains(text)) {
                return null;
            }
            try {
                return parser.parse(text);
            } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
                throw ctxt.weirdStringException(text, type, "not a " + type.getSimpleName()
                        + " and not a missing-value marker (\"\", \"-\", \"\u2013\", \"\u2014\")");
            }
        }
    }
}
