package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiBaseUrlTest {

    @Test
    void httpsIsAcceptedAnywhere() {
        assertEquals("https://api.theracingapi.com/v1/results?limit=1",
                ApiBaseUrl.parse("https://api.theracingapi.com/").resolve("/v1/results", "limit=1"));
    }

    @Test
    void plainHttpOnlyForLoopback() {
        assertTrue(ApiBaseUrl.parse("http://127.0.0.1:8089").isLoopback());
        assertTrue(ApiBaseUrl.parse("http://localhost:8089").isLoopback());
        assertTrue(ApiBaseUrl.parse("http://[::1]:8089").isLoopback());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiBaseUrl.parse("http://example.com"));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiBaseUrl.parse("http://10.0.0.5:8089"));
    }

    @Test
    void otherSchemesAndAV1SuffixAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ApiBaseUrl.parse("ftp://127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> ApiBaseUrl.parse("https://api.theracingapi.com/v1"));
        assertThrows(IllegalArgumentException.class, () -> ApiBaseUrl.parse("not a url"));
    }
}
