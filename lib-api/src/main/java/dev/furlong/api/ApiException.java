package dev.furlong.api;

/**
 * Every way an API call can end without a usable answer. Messages never contain credentials.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.AuthenticationFailed, ApiException.RequestRejected, ApiException.RetriesExhausted,
        ApiException.MalformedResponse {

    private final ApiRequest request;

    ApiException(ApiRequest request, String message, Throwable cause) {
        super(message, cause);
        this.request = request;
    }

    public ApiRequest request() {
        return request;
    }

    /** 401 or 403: bad credentials, an inactive account, or an endpoint above the plan. Stops the whole run. */
    public static final class AuthenticationFailed extends ApiException {
        public AuthenticationFailed(ApiRequest request, int status) {
            super(request, "The Racing API refused the credentials (HTTP " + status + ") for " + request.endpoint().bronzeName()
                    + ": check RACING_API_USERNAME / RACING_API_PASSWORD and that the plan includes this endpoint", null);
        }
    }

    /**
     * 422: the API says our request is invalid, or the client refused to send a request the API would reject. A bug on our
     * side: never retried.
     */
    public static final class RequestRejected extends ApiException {
        private final String detail;
        private final boolean refusedLocally;

        public RequestRejected(ApiRequest request, String detail) {
            this(request, detail, false);
        }

        RequestRejected(ApiRequest request, String detail, boolean refusedLocally) {
            super(request, refusedLocally ? "Refused to send " + request + ": " + detail
                    : "The Racing API rejected " + request + " (HTTP 422): " + detail, null);
            this.detail = detail;
            this.refusedLocally = refusedLocally;
        }

        public String detail() {
            return detail;
        }

        /** True when the client refused the request before sending it (no call was made). */
        public boolean refusedLocally() {
            return refusedLocally;
        }
    }

    /** 429, 5xx, timeouts or connection errors that outlasted every retry. */
    public static final class RetriesExhausted extends ApiException {
        private final int lastStatus;
        private final int attempts;

        public RetriesExhausted(ApiRequest request, int attempts, int lastStatus, String reason, Throwable cause) {
            super(request, "Gave up on " + request + " after " + attempts + " attempts: " + reason, cause);
            this.lastStatus = lastStatus;
            this.attempts = attempts;
        }

        /** The last HTTP status seen, or 0 when the last attempt had no response at all. */
        public int lastStatus() {
            return lastStatus;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** A 200 whose body is not the JSON the contract promises (truncated, or not JSON). The raw body is kept. */
    public static final class MalformedResponse extends ApiException {
        private final String rawBody;
        private final int attempts;

        public MalformedResponse(ApiRequest request, String reason, String rawBody) {
            this(request, reason, rawBody, 1);
        }

        public MalformedResponse(ApiRequest request, String reason, String rawBody, int attempts) {
            super(request, "Malformed answer to " + request + ": " + reason, null);
            this.rawBody = rawBody;
            this.attempts = attempts;
        }

        public String rawBody() {
            return rawBody;
        }

        /** How many times the request was sent before giving up. */
        public int attempts() {
            return attempts;
        }
    }
}
