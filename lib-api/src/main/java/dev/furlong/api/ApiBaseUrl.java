package dev.furlong.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The API base without {@code /v1}. {@code https://} always; {@code http://} only for loopback addresses, so that credentials
 * never cross a network in the clear.
 */
public record ApiBaseUrl(URI uri) {

    public static final String DEFAULT = "https://api.theracingapi.com";

    public ApiBaseUrl {
        String scheme = uri.getScheme();
        if (uri.getHost() == null || scheme == null) {
            throw new IllegalArgumentException("not an absolute URL: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the API URL must not carry credentials: they come from RACING_API_USERNAME / "
                    + "RACING_API_PASSWORD or RACING_API_CREDENTIALS_FILE");
        }
        if (scheme.equals("http")) {
            if (!isLoopback(uri.getHost())) {
                throw new IllegalArgumentException("http:// is allowed only for loopback addresses (127.0.0.1, localhost, [::1]); use https:// for "
                        + uri.getHost());
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("the API URL must be https:// (or http:// on loopback): " + uri);
        }
        if (uri.getPath() != null && uri.getPath().replaceAll("/+$", "").endsWith("/v1")) {
            throw new IllegalArgumentException("give the API URL without /v1: " + uri);
        }
    }

    public static ApiBaseUrl parse(String text) {
        try {
            return new ApiBaseUrl(URI.create(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("Illegal character") ? "not a URL: " + text : e.getMessage());
        }
    }

    public boolean isLoopback() {
        return isLoopback(uri.getHost());
    }

    /** The URL of a path such as {@code /v1/results}, with the base's own path (if any) in front. */
    public String resolve(String path, String encodedQuery) {
        String base = uri.toString().replaceAll("/+$", "");
        return base + path + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery);
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost would need DNS: not loopback by definition here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
