package dev.furlong.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An acceptance scenario: an end-to-end run over a sandbox world of weeks to a year, too slow for the README's test command.
 * {@code ./mvnw -B verify -Dshade.skip=true -Pacceptance} runs these and only these; CI runs both tiers.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("acceptance")
public @interface Acceptance {
}
