package dev.furlong.config;

/** A flag, configuration value or environment variable that cannot be used. The CLI prints the message and exits 2. */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
