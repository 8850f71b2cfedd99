package dev.furlong.api.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shared Jackson mappers for The Racing API's answers. {@link #mapper()} ignores unknown fields so that a field the
 * API adds never breaks production; {@link #strictMapper()} fails on them, so tests prove every field is mapped.
 * Both are shared instances: use them, do not reconfigure them.
 */
public final class ApiJson {

    private static final ObjectMapper MAPPER = build(false);
    private static final ObjectMapper STRICT = build(true);

    private ApiJson() {
    }

    /** The tolerant mapper: lenient scalars, unknown fields ignored. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Like {@link #mapper()} but fails on any field the models do not map. For tests. */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    /** Reads {@code json} as {@code type} with the tolerant mapper. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read The Racing API answer as " + type.getName(), e);
        }
    }

    /** Reads {@code json} as a generic type, e.g. {@code new TypeReference<List<Region>>() {}}. */
    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read The Racing API answer as " + type.getType().getTypeName(), e);
        }
    }

    private static ObjectMapper build(boolean strict) {
        return JsonMapper.builder()
                .addModule(new RacingApiModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .build();
    }
}
