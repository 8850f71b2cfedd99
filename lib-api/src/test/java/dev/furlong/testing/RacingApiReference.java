package dev.furlong.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The Racing API's reference material in the test resources ({@code racing-api/}, from the repository root): its OpenAPI spec ({@code openapi.yml}),
 * the spec's examples ({@code examples/}) and answers captured from the live API ({@code samples/}, listed in
 * {@code samples/_index.json}).
 */
public final class RacingApiReference {

    private RacingApiReference() {
    }

    public static Path root() {
        URL url = RacingApiReference.class.getResource("/racing-api/openapi.yml");
        if (url == null) {
            throw new IllegalStateException("racing-api/openapi.yml is missing from the test resources");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
