package dev.furlong.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.furlong.api.Endpoint;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client and the simulator each state the API's limits; here the two statements are checked against each other, so a
 * client that would send faster than the API allows fails without a live call.
 */
class ClientLimitsTest {

    @Test
    void theSimulatorServesEveryEndpointTheClientCalls() {
        Set<String> served = Arrays.stream(SandboxEndpoint.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> called = Arrays.stream(Endpoint.values()).map(Enum::name).collect(Collectors.toSet());
        assertEquals(called, served);
    }

    @Test
    void theClientNeverPlansFasterThanTheDocumentedRate() {
        for (Endpoint e : Endpoint.values()) {
            double documented = SandboxEndpoint.valueOf(e.name()).documentedRatePerSecond();
            assertTrue(e.documentedRatePerSecond() <= documented,
                    e + ": the client plans " + e.documentedRatePerSecond() + "/s, the API allows " + documented + "/s");
        }
    }
}
