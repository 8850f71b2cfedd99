package dev.furlong.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every request the sandbox answered, for tests and benchmarks to count and time. */
public final class RequestLog {

    /** One answered request. {@code query} is the raw (still encoded) query string, or "". */
    public record Entry(String method, String path, String query, int status, Instant at) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry e) {
        entries.add(e);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized long count(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).count();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
