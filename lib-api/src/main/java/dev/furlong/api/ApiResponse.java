package dev.furlong.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.furlong.api.model.ApiJson;
import java.time.Instant;
import java.util.Optional;

/**
 * A final answer from the API: 200 with a body, or 404, which is a valid "there is nothing here" and is stored like any other.
 * The raw body is what bronze keeps; {@link #model} parses it on demand.
 */
public record ApiResponse(ApiRequest request, int httpStatus, String body, Instant fetchedAt) {

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** The answer as a model (e.g. {@code ResultsPage.class}); empty for a 404. A body that does not fit is a typed failure. */
    public <T> Optional<T> model(Class<T> type) {
        return model(ApiJson.mapper().constructType(type));
    }

    /** The answer as a generic model, e.g. {@code new TypeReference<List<Region>>() {}} for the regions list. */
    public <T> Optional<T> model(TypeReference<T> type) {
        return model(ApiJson.mapper().constructType(type));
    }

    private <T> Optional<T> model(JavaType type) {
        if (isNotFound()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiJson.mapper().readValue(body, type));
        } catch (JsonProcessingException e) {
            throw new ApiException.MalformedResponse(request, "not a " + type.getRawClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), body);
        }
    }
}
