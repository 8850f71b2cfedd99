package dev.furlong.transform;

import static dev.furlong.transform.Normalise.nameWithoutRegion;
import static dev.furlong.transform.Normalise.regionOfName;
import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.furlong.api.model.HorsePro;
import dev.furlong.lake.LakeColumns;
import dev.furlong.spark.ApiReadSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Horses, people and pedigree from what every source says about them. Each runner record (result or card) and each horse
 * details answer is an observation with its {@code fetched_at}; an entity's attribute is the latest non-null observed value (the larger
 * value on a tie, so the result is deterministic),
 * and its first and last seen dates are the earliest and latest race dates. The reduction is commutative, so the rows do not
 * depend on the order answers arrived or were transformed in (DATA-MODEL.md, rule 2's exception for names and entities).
 */
public final class Entities {

    /** One entity table: its silver name, key, and the observation columns that become its attributes. */
    public record Table(String name, String key, List<String> attributes, boolean seenDates) {
    }

    public static final Table JOCKEYS = new Table("mst_jockeys", "jockey_id", List.of("jockey_name"), true);
    public static final Table TRAINERS = new Table("mst_trainers", "trainer_id", List.of("trainer_name", "trainer_location"), true);
    public static final Table OWNERS = new Table("mst_owners", "owner_id", List.of("owner_name"), true);
    public static final Table HORSES = new Table("mst_horses", "horse_id", List.of("horse_name", "horse_region", "sex_code",
            "dob", "colour", "colour_code", "breeder", "sire_id", "dam_id", "damsire_id", "enriched_at"), true);
    public static final Table SIRES = new Table("mst_sires", "sire_id", List.of("sire_name", "sire_region"), false);
    public static final Table DAMS = new Table("mst_dams", "dam_id", List.of("dam_name", "dam_region"), false);
    public static final Table DAMSIRES = new Table("mst_damsires", "damsire_id", List.of("damsire_name", "damsire_region"), false);
    public static final Table PEDIGREE = new Table("horse_pedigree", "horse_id", List.of("sire_id", "sire_name", "sire_region",
            "dam_id", "dam_name", "dam_region", "damsire_id", "damsire_name", "damsire_region", "breeder"), false);
    public static final List<Table> ALL = List.of(JOCKEYS, TRAINERS, OWNERS, HORSES, SIRES, DAMS, DAMSIRES, PEDIGREE);

    /** The observation columns, in order; a source that does not say something gives null. */
    public static final List<String> OBSERVATION = List.of("fetched_at", "race_date", "horse_id", "horse_name", "horse_region",
            "sex_code", "dob", "colour", "colour_code", "breeder", "sire_id", "sire_name", "sire_region", "dam_id", "dam_name",
            "dam_region", "damsire_id", "damsire_name", "damsire_region", "jockey_id", "jockey_name", "trainer_id",
            "trainer_name", "trainer_location", "owner_id", "owner_name", "enriched_at");

    private static final StructType HORSE_PRO = ApiReadSchema.of(HorsePro.class);

    private Entities() {
    }

    /** Observations from runner rows of either flattener: the columns they have, null for the rest. */
    public static Dataset<Row> observationsOfRunners(Dataset<Row> runnerRows) {
        List<String> have = List.of(runnerRows.columns());
        List<Column> out = new ArrayList<>();
        for (String c : OBSERVATION) {
            if (c.equals("colour_code")) {
                out.add((have.contains("colour") ? upper(col("colour")) : lit(null).cast(DataTypes.StringType)).as(c));
            } else {
                out.add(have.contains(c) ? col(c) : lit(null).cast(type(c)).as(c));
            }
        }
        return runnerRows.select(out.toArray(Column[]::new));
    }

    /** Observations from {@code /v1/horses/{id}/pro} answers (bronze rows with HTTP 200). */
    public static Dataset<Row> observationsOfHorseDetails(Dataset<Row> horsePro) {
        Dataset<Row> h = horsePro.select(col("fetched_at"), from_json(col("body"), HORSE_PRO).as("h")).where(text(col("h.id")).isNotNull());
        return h.select(
                col("fetched_at"),
                lit(null).cast(DataTypes.DateType).as("race_date"),
                text(col("h.id")).as("horse_id"),
                nameWithoutRegion(col("h.name")).as("horse_name"),
                regionOfName(col("h.name")).as("horse_region"),
                Normalise.sexCode(coalesce(text(col("h.sex_code")), text(col("h.sex")))).as("sex_code"),
                Normalise.date(col("h.dob")).as("dob"),
                text(col("h.colour")).as("colour"),
                coalesce(upper(text(col("h.colour_code"))), upper(text(col("h.colour")))).as("colour_code"),
                text(col("h.breeder")).as("breeder"),
                text(col("h.sire_id")).as("sire_id"),
                nameWithoutRegion(col("h.sire")).as("sire_name"),
                regionOfName(col("h.sire")).as("sire_region"),
                text(col("h.dam_id")).as("dam_id"),
                nameWithoutRegion(col("h.dam")).as("dam_name"),
                regionOfName(col("h.dam")).as("dam_region"),
                text(col("h.damsire_id")).as("damsire_id"),
                nameWithoutRegion(col("h.damsire")).as("damsire_name"),
                regionOfName(col("h.damsire")).as("damsire_region"),
                lit(null).cast(DataTypes.StringType).as("jockey_id"),
                lit(null).cast(DataTypes.StringType).as("jockey_name"),
                lit(null).cast(DataTypes.StringType).as("trainer_id"),
                lit(null).cast(DataTypes.StringType).as("trainer_name"),
                lit(null).cast(DataTypes.StringType).as("trainer_location"),
                lit(null).cast(DataTypes.StringType).as("owner_id"),
                lit(null).cast(DataTypes.StringType).as("owner_name"),
                col("fetched_at").as("enriched_at"));
    }

    private static org.apache.spark.sql.types.DataType type(String observationColumn) {
        return switch (observationColumn) {
            case "fetched_at", "enriched_at" -> DataTypes.TimestampType;
            case "race_date", "dob" -> DataTypes.DateType;
            default -> DataTypes.StringType;
        };
    }

    /**
     * The table's rows from observations, in the table's own column names: {@code id} (or the key's name for pedigree), the
     * attributes, {@code first_seen_date}/{@code last_seen_date} when the table keeps them, and {@code source_fetched_at}.
     */
    public static Dataset<Row> rows(Table table, Dataset<Row> observations) {
        Dataset<Row> obs = observations.where(col(table.key()).isNotNull());
        List<Column> cols = new ArrayList<>();
        cols.add(col(table.key()).as("k"));
        table.attributes().forEach(a -> cols.add(col(a)));
        cols.add(col("fetched_at"));
        if (table.seenDates()) {
            cols.add(col("race_date").as("first_seen_date"));
            cols.add(col("race_date").as("last_seen_date"));
        }
        return reduce(table, distinctValues(table, obs.select(cols.toArray(Column[]::new))));
    }

    /**
     * One row per key and set of attribute values, with the latest {@code fetched_at} and the widest seen dates of the
     * observations that say it. {@link #reduce} gives the same rows from these as from the observations, and there are far
     * fewer of them (a horse says the same things in every race it runs), while this grouping is a cheap hash aggregation
     * and {@link #reduce}'s latest-value one has to sort. Both group on rows gathered once by key.
     */
    private static Dataset<Row> distinctValues(Table table, Dataset<Row> obs) {
        List<Column> values = new ArrayList<>(List.of(col("k")));
        table.attributes().forEach(a -> values.add(col(a)));
        Column latest = max("fetched_at").as("fetched_at");
        Column[] seen = table.seenDates()
                ? new Column[]{min("first_seen_date").as("first_seen_date"), max("last_seen_date").as("last_seen_date")}
                : new Column[0];
        return obs.repartition(col("k")).groupBy(values.toArray(Column[]::new)).agg(latest, seen);
    }

    /**
     * A lake-only column of the entity tables: when each attribute's value was observed ({@code fetched_at} of the answer that
     * said it), so that a stored value competes with a new observation on its own age, not on its row's latest.
     */
    public static final String ATTRIBUTE_FETCHED_AT = LakeColumns.ATTRIBUTE_FETCHED_AT;

    private static String at(String attribute) {
        return attribute + "__at";
    }

    /** Stored rows of the table made observations again, so that new observations reduce together with them. */
    public static Dataset<Row> asObservations(Table table, Dataset<Row> stored) {
        boolean perAttribute = List.of(stored.columns()).contains(ATTRIBUTE_FETCHED_AT);
        List<Column> cols = new ArrayList<>();
        cols.add(col(idColumn(table)).as("k"));
        table.attributes().forEach(a -> cols.add(col(columnName(table, a)).as(a)));
        cols.add(col("source_fetched_at").as("fetched_at"));
        // A row stored before attributes carried their own time: its latest observation's time stands for each.
        table.attributes().forEach(a -> cols.add((perAttribute ? coalesce(col(ATTRIBUTE_FETCHED_AT + "." + a), col("source_fetched_at"))
                : col("source_fetched_at")).as(at(a))));
        if (table.seenDates()) {
            cols.add(col("first_seen_date"));
            cols.add(col("last_seen_date"));
        }
        return stored.select(cols.toArray(Column[]::new));
    }

    /** Reduces observation-shaped rows (from {@link #rows} or {@link #asObservations}) to one row per key. */
    public static Dataset<Row> reduce(Table table, Dataset<Row> observations) {
        Dataset<Row> obs = observations;
        for (String a : table.attributes()) {
            if (!List.of(obs.columns()).contains(at(a))) {
                obs = obs.withColumn(at(a), col("fetched_at"));
            }
        }
        List<Column> aggs = new ArrayList<>();
        List<Column> out = new ArrayList<>(List.of(col(idColumn(table))));
        List<Column> times = new ArrayList<>();
        for (String a : table.attributes()) {
            if (a.equals("enriched_at")) {
                aggs.add(max(col(a)).as(a));
                aggs.add(max(when(col(a).isNotNull(), col(at(a)))).as(at(a)));
                out.add(col(a).as(columnName(table, a)));
                times.add(col(at(a)).as(a));
            } else {
                // The latest value and its time in one aggregate: the greatest (time, value) of the observations saying one.
                aggs.add(max(when(col(a).isNotNull(), struct(col(at(a)).as("at"), col(a).as("value")))).as(at(a)));
                out.add(col(at(a) + ".value").as(columnName(table, a)));
                times.add(col(at(a) + ".at").as(a));
            }
        }
        if (table.seenDates()) {
            aggs.add(min("first_seen_date").as("first_seen_date"));
            aggs.add(max("last_seen_date").as("last_seen_date"));
        }
        aggs.add(max("fetched_at").as("source_fetched_at"));
        if (table.seenDates()) {
            out.add(col("first_seen_date"));
            out.add(col("last_seen_date"));
        }
        out.add(col("source_fetched_at"));
        out.add(struct(times.toArray(Column[]::new)).as(ATTRIBUTE_FETCHED_AT));
        Dataset<Row> reduced = obs.groupBy(col("k").as(idColumn(table)))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
        return table == HORSES ? reduced.withColumn("sex", Normalise.sexWord(col("sex_code"))) : reduced;
    }

    /** The key column's name in the table: {@code id}, except for pedigree, keyed by {@code horse_id}. */
    public static String idColumn(Table table) {
        return table == PEDIGREE ? "horse_id" : "id";
    }

    /** An observation column's name in the table: "jockey_name" → "name", "horse_region" → "region"; pedigree keeps its own. */
    static String columnName(Table table, String attribute) {
        if (table == PEDIGREE || table == HORSES && List.of("sire_id", "dam_id", "damsire_id").contains(attribute)) {
            return attribute;
        }
        String prefix = table.key().substring(0, table.key().length() - "id".length());
        return attribute.startsWith(prefix) ? attribute.substring(prefix.length()) : attribute;
    }

    /**
     * Sires, dams and damsires are horses too: {@code sir_N}, {@code dam_N} and {@code dsi_N} are {@code hrs_N}. The link for
     * every stored row whose horse is now known: (id, horse_id).
     */
    public static Dataset<Row> horseLinks(Dataset<Row> parents, Dataset<Row> horses) {
        Column horseId = concat(lit("hrs_"), substring(col("p.id"), 5, Integer.MAX_VALUE));
        return parents.as("p").join(horses.select(col("id").as("hid")), horseId.equalTo(col("hid")), "inner")
                .select(col("p.id").as("id"), col("hid").as("horse_id"));
    }
}
