package dev.furlong.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Row;

/**
 * Encodes a Spark row as one line of Postgres COPY text format: tab-separated, {@code \N} for null, backslash escapes for
 * backslash, tab, newline and carriage return; arrays of text as Postgres array literals.
 */
final class CopyRowEncoder {

    private CopyRowEncoder() {
    }

    static void encode(Row row, StringBuilder out) {
        for (int i = 0; i < row.length(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            if (row.isNullAt(i)) {
                out.append("\\N");
            } else {
                value(row.get(i), out);
            }
        }
        out.append('\n');
    }

    private static void value(Object v, StringBuilder out) {
        if (v instanceof String s) {
            escape(s, out);
        } else if (v instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof scala.collection.Seq<?> items) {
            escape(arrayLiteral(items), out);
        } else if (v instanceof Instant || v instanceof LocalDate || v instanceof Number) {
            out.append(v); // ISO-8601 instants ("...Z") and dates; numbers in Java's notation, which Postgres reads
        } else {
            throw new IllegalArgumentException("no COPY encoding for " + v.getClass().getName());
        }
    }

    /** A text[] literal: every element double-quoted with {@code "} and {@code \\} escaped, NULL for a null element. */
    private static String arrayLiteral(scala.collection.Seq<?> items) {
        StringBuilder a = new StringBuilder("{");
        for (int i = 0; i < items.length(); i++) {
            Object item = items.apply(i);
            a.append(i > 0 ? "," : "");
            if (item == null) {
                a.append("NULL");
            } else if (item instanceof String s) {
                a.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                throw new IllegalArgumentException("no COPY encoding for an array of " + item.getClass().getName());
            }
        }
        return a.append('}').toString();
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
