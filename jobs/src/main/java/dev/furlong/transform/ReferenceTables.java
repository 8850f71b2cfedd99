package dev.furlong.transform;

import static dev.furlong.transform.Normalise.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;

import dev.furlong.api.model.CoursesPage;
import dev.furlong.api.model.Region;
import dev.furlong.spark.ApiReadSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/** {@code mst_courses} and {@code mst_regions} from the {@code /v1/courses} and {@code /v1/courses/regions} answers. */
public final class ReferenceTables {

    private static final StructType COURSES_PAGE = ApiReadSchema.of(CoursesPage.class, "courses");
    private static final ArrayType REGIONS = new ArrayType(ApiReadSchema.of(Region.class), true);

    private ReferenceTables() {
    }

    /** Courses by id, the latest answer's view of each: id, name, region_code (upper case), region_name. */
    public static Dataset<Row> courses(Dataset<Row> bronze) {
        Dataset<Row> items = bronze.where(col("endpoint").equalTo("courses").and(col("http_status").equalTo(200)))
                .select(col("fetched_at"), explode(from_json(col("body"), COURSES_PAGE).getField("courses")).as("c"))
                .select(text(col("c.id")).as("id"), text(col("c.course")).as("name"),
                        upper(text(col("c.region_code"))).as("region_code"), text(col("c.region")).as("region_name"),
                        col("fetched_at"))
                .where(col("id").isNotNull());
        return items.groupBy("id").agg(max_by(struct("name", "region_code", "region_name"), col("fetched_at")).as("v"))
                .select(col("id"), col("v.name"), col("v.region_code"), col("v.region_name"));
    }

    /** Regions by upper-case code: code, name. */
    public static Dataset<Row> regions(Dataset<Row> bronze) {
        Dataset<Row> items = bronze.where(col("endpoint").equalTo("regions").and(col("http_status").equalTo(200)))
                .select(col("fetched_at"), explode(from_json(col("body"), REGIONS)).as("g"))
                .select(upper(text(col("g.region_code"))).as("code"), text(col("g.region")).as("name"), col("fetched_at"))
                .where(col("code").isNotNull());
        return items.groupBy("code").agg(max_by(col("name"), col("fetched_at")).as("name"));
    }
}
