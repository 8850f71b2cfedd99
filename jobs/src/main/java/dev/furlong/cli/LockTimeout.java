package dev.furlong.cli;

import dev.furlong.config.InvalidSettingException;
import dev.furlong.config.Settings;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --lock-timeout} of the commands that fetch: how long to wait for another run's turn on the lake or the database. */
final class LockTimeout {

    @Option(names = "--lock-timeout", paramLabel = "T", description = "Wait this long (90s, 30m, 2h) for another furlong process "
            + "writing the lake (fetch, transform, statistics) or publishing into the database to finish its stage, then fail "
            + "(default furlong.fetch.lock-timeout: 30m); 0 fails at once.")
    String timeout;

    /** The settings with this flag applied. */
    Settings applyTo(Settings settings) {
        return timeout == null ? settings : settings.withLockTimeout(parse(timeout));
    }

    static Duration parse(String value) {
        var m = java.util.regex.Pattern.compile("(\\d{1,6})([smh]?)").matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidSettingException("--lock-timeout takes a duration such as 90s, 30m or 2h; got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
