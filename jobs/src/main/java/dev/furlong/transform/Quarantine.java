package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Records set aside with the reason: the source answer's request, the JSON path inside it, what kind of record it was, why it
 * could not be used, and the record itself. Nothing that cannot be parsed is dropped silently.
 */
public final class Quarantine {

    public static final List<String> KEYS = List.of("source_endpoint", "request_key", "json_path", "reason");

    private Quarantine() {
    }

    /** One check of a record: the reason to give when {@code failed} is true. */
    public record Check(Column failed, Column reason) {
    }

    /** A present value that does not parse: "draw 'x' is not a number". */
    public static Check unparseable(String field, Column raw, Column parsed, String expected) {
        return new Check(text(raw).isNotNull().and(parsed.isNull()),
                concat(lit(field + " '"), raw, lit("' is not " + expected)));
    }

    public static Check missing(String field, Column raw) {
        return new Check(text(raw).isNull(), lit("no " + field));
    }

    /** Every failed check's reason joined with "; ", or null when the record passes them all. */
    public static Column problems(Check... checks) {
        // concat_ws skips nulls, and unlike a lambda over an array it is compiled with the rest of the row's expressions.
        Column reasons = concat_ws("; ", Arrays.stream(checks).map(c -> when(c.failed(), c.reason())).toArray(Column[]::new));
        return when(reasons.notEqual(lit("")), reasons);
    }

    /** Quarantine rows from records with {@code request_key}, {@code json_path} and a reason column. */
    public static Dataset<Row> rows(Dataset<Row> records, PageSource source, String entity, Column reason, Column record) {
        return records.select(lit(source.endpoint()).as("source_endpoint"), col("request_key"), col("json_path"),
                lit(entity).as("entity"), reason.as("reason"), record.as("record"));
    }
}
