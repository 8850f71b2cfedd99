package dev.furlong.config;

/** Keeps secrets that ride inside URLs (user:password@, password=...) out of messages and logs. */
public final class Redact {

    private Redact() {
    }

    /** The URL with any user-info password and any {@code password=} parameter replaced by ****. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?<=://)([^/@:]*):[^/@]*@", "$1:****@")
                .replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
