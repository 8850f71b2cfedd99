package dev.furlong.ingest;

import dev.furlong.api.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fetch will do: the units to fetch, how many were skipped because bronze already holds them, and notes on what cannot
 * be fetched at all (and why).
 */
public record FetchPlan(List<FetchUnit> units, Map<Endpoint, Integer> skipped, List<String> notes) {

    public Map<Endpoint, Long> unitsByEndpoint() {
        return units.stream().collect(Collectors.groupingBy(FetchUnit::endpoint, Collectors.counting()));
    }

    /** The same plan without its notes (a part of a plan whose notes were told already). */
    public FetchPlan withoutNotes() {
        return new FetchPlan(units, skipped, List.of());
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }
}
