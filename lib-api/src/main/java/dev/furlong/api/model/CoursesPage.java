package dev.furlong.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /v1/courses}: every matching course at once (no paging), and their count. */
public record CoursesPage(
        @JsonProperty("courses") List<Course> courses,
        @JsonProperty("total") Integer total) {
}
