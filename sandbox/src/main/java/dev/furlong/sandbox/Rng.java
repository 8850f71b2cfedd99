package dev.furlong.sandbox;

import java.util.List;

/**
 * A small deterministic random source. Every stream is derived from the world's seed and a few coordinates (a date, a horse
 * number, a slot), so any part of the world can be regenerated on its own, byte-identical on every machine.
 */
final class Rng {

    /**
     * The first coordinate of every stream: what it generates (the day's programme and goings, a horse, a race, people, names,
     * a racecard's extras). One value each, so no two kinds of stream share their draws.
     */
    static final long DAY = 1, HORSE = 2, RACE = 3, PEOPLE = 4, NAME = 5, CARD = 11;

    private long state;

    private Rng(long state) {
        this.state = state;
    }

    /** A stream for the given coordinates under a seed. */
    static Rng of(long seed, long... coordinates) {
        long s = mix(seed ^ 0x5DEECE66DL);
        for (long c : coordinates) {
            s = mix(s ^ mix(c + 0x9E3779B97F4A7C15L));
        }
        return new Rng(s);
    }

    /** SplitMix64's finaliser: a strong, cheap 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [from, to] inclusive. */
    int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    double gaussian() {
        double u1 = Math.max(nextDouble(), 1e-12);
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** Picks an index with the given relative weights. */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
