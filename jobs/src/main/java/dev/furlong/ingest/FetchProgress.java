package dev.furlong.ingest;

import dev.furlong.api.Endpoint;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a long fetch shows its progress per lane: bars with rate and ETA on a terminal, a progress line every ten seconds (and at
 * the end of each lane) otherwise, so logs of unattended runs stay readable.
 */
public interface FetchProgress extends AutoCloseable {

    void start(Endpoint lane, int units);

    void step(Endpoint lane);

    @Override
    void close();

    /** Bars on an interactive terminal, lines anywhere else. */
    static FetchProgress forConsole(Consumer<String> lines) {
        return System.console() != null ? new Bars() : new Lines(lines);
    }

    /** One bar per lane (the progressbar library redraws them in place). */
    final class Bars implements FetchProgress {
        private final Map<Endpoint, ProgressBar> bars = new EnumMap<>(Endpoint.class);

        @Override
        public synchronized void start(Endpoint lane, int units) {
            bars.put(lane, new ProgressBarBuilder().setTaskName(lane.bronzeName()).setInitialMax(units)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" calls", 1).showSpeed().setUpdateIntervalMillis(500).build());
        }

        @Override
        public void step(Endpoint lane) {
            ProgressBar bar;
            synchronized (this) {
                bar = bars.get(lane);
            }
            bar.step();
        }

        @Override
        public synchronized void close() {
            bars.values().forEach(ProgressBar::close);
            bars.clear();
        }
    }

    /** "results: 120/365 units, 4.9/s, ETA 50s" every ten seconds per lane, and when a lane finishes. */
    final class Lines implements FetchProgress {
        private static final long EVERY = Duration.ofSeconds(10).toNanos();

        private record Lane(int total, long started, int done, long lastLine) {
        }

        private final Consumer<String> out;
        private final Map<Endpoint, Lane> lanes = new EnumMap<>(Endpoint.class);

        public Lines(Consumer<String> out) {
            this.out = out;
        }

        @Override
        public synchronized void start(Endpoint lane, int units) {
            long now = System.nanoTime();
            lanes.put(lane, new Lane(units, now, 0, now));
        }

        @Override
        public synchronized void step(Endpoint endpoint) {
            Lane l = lanes.get(endpoint);
            long now = System.nanoTime();
            int done = l.done() + 1;
            boolean report = now - l.lastLine() >= EVERY || done == l.total();
            lanes.put(endpoint, new Lane(l.total(), l.started(), done, report ? now : l.lastLine()));
            if (report) {
                double rate = done / Math.max(1e-9, (now - l.started()) / 1e9);
                out.accept(String.format("%s: %d/%d units, %.1f/s, ETA %ds", endpoint.bronzeName(), done, l.total(), rate,
                        Math.round((l.total() - done) / Math.max(rate, 1e-9))));
            }
        }

        @Override
        public void close() {
        }
    }
}
