package dev.furlong.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark read schemas of the API's answers, derived from the records of {@code dev.furlong.api.model}: the one description of the
 * API's JSON, so a field added there reaches every reader of bronze with no second edit.
 * <p>Every scalar is read as a string (the API sends numbers as strings too, and a string never loses a value; typing happens
 * afterwards, in one place). A nested object or list is read as its raw JSON text unless its field is named in {@code opened}:
 * those become structs and arrays of structs, the path the transform flattens.
 */
public final class ApiReadSchema {

    private ApiReadSchema() {
    }

    /** The schema of {@code type}, opening the nested fields named in {@code opened} (at any depth). */
    public static StructType of(Class<? extends Record> type, String... opened) {
        return struct(type, Set.of(opened));
    }

    /**
     * {@code schema} cut down to the dotted {@code paths} (through arrays of structs): a reader that needs a few fields parses
     * only those. A path the schema lacks is an error, so the names stay checked against the model.
     */
    public static StructType only(StructType schema, String... paths) {
        StructType out = new StructType();
        for (StructField f : schema.fields()) {
            List<String> below = Arrays.stream(paths).filter(p -> p.startsWith(f.name() + ".")).map(p -> p.substring(f.name().length() + 1)).toList();
            boolean whole = Arrays.asList(paths).contains(f.name());
            if (whole) {
                out = out.add(f);
            } else if (!below.isEmpty()) {
                out = out.add(f.name(), prune(f.dataType(), f.name(), below.toArray(String[]::new)), true);
            }
        }
        for (String p : paths) {
            String head = p.split("\\.", 2)[0];
            if (Arrays.stream(schema.fieldNames()).noneMatch(head::equals)) {
                throw new IllegalArgumentException("the API model has no field '" + head + "' (in " + p + ")");
            }
        }
        return out;
    }

    private static DataType prune(DataType type, String name, String[] paths) {
        if (type instanceof StructType s) {
            return only(s, paths);
        }
        if (type instanceof ArrayType a && a.elementType() instanceof StructType s) {
            return new ArrayType(only(s, paths), true);
        }
        throw new IllegalArgumentException("'" + name + "' is read as text, not opened: no field below it can be chosen");
    }

    private static StructType struct(Class<?> type, Set<String> opened) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record of the API model");
        }
        StructType s = new StructType();
        for (RecordComponent c : type.getRecordComponents()) {
            // @JsonProperty cannot target a record component: Java hands it to the accessor.
            JsonProperty json = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = json == null ? c.getName() : json.value();
            s = s.add(name, opened.contains(name) ? opened(c.getGenericType(), name, opened) : DataTypes.StringType, true);
        }
        return s;
    }

    private static DataType opened(Type type, String name, Set<String> opened) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return struct(c, opened);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return new ArrayType(struct(element, opened), true);
        }
        throw new IllegalArgumentException("'" + name + "' is neither an object nor a list of objects: it cannot be opened");
    }
}
