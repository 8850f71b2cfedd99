package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
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
 * Records set aside with the reason (a runner without a key or a readable position is set aside whole; a field that cannot be
 * read is set null and set aside alone): the source answer's request, the JSON path inside it, what kind of record it was, why it
 * could not be used, and the record itself. Nothing that cannot be parsed is dropped silently.
 */
public final class Quarantine {

    public static final List<String> KEYS = List.of("source_endpoint", "request_key", "json_path", "reason");

    private Quarantine() {
    }

    /** One check of a record: the reason to give when {@code failed} is true. */
    public record Check(Column failed, Column reason) {
    }

    /**
     * One field of a record that may not be readable: {@code failed} when the value is present but does not parse. A bad field
     * is set null and quarantined alone ({@link #fieldProblems}); its record is still used.
     */
    public record FieldCheck(String field, Column failed, Column reason, Column raw) {
    }

    /** A present value that does not parse: "btn 'dht' is not a number". */
    public static FieldCheck unparseable(String field, Column raw, Column parsed, String expected) {
        return new FieldCheck(field, text(raw).isNotNull().and(parsed.isNull()),
                concat(lit(field + " '"), raw, lit("' is not " + expected)), raw);
    }

    /**
     * The fields that failed their check, as an array of (field, reason, value) with a null for each field that reads, or null
     * when every field reads. No array_compact: its lambda is interpreted, and would take every check out of generated code.
     */
    public static Column fieldProblems(List<FieldCheck> checks) {
        Column anyFailed = checks.stream().map(FieldCheck::failed).reduce(Column::or).orElse(lit(false));
        return when(anyFailed, array(checks.stream()
                .map(c -> when(c.failed(), struct(lit(c.field()).as("field"), c.reason().as("reason"), c.raw().as("value"))))
                .toArray(Column[]::new)));
    }

    /** How many fields of a {@link #fieldProblems} value failed: 0 when it is null. */
    public static Column fieldProblemCount(Column fieldProblems) {
        return coalesce(size(filter(fieldProblems, Column::isNotNull)), lit(0));
    }

    /** One quarantine row per bad field of the records: the record's path and the field's, the reason, the raw value. */
    public static Dataset<Row> fieldRows(Dataset<Row> records, PageSource source) {
        return records.where(col("field_problems").isNotNull())
                .select(col("request_key"), col("json_path"), explode(col("field_problems")).as("f"))
                .where(col("f").isNotNull())
                .select(lit(source.endpoint()).as("source_endpoint"), col("request_key"),
                        concat(col("json_path"), lit("."), col("f.field")).as("json_path"), lit("field").as("entity"),
                        col("f.reason").as("reason"), col("f.value").as("record"));
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
