package dev.furlong.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's lock: one holder, waiters wait their turn and say so, a long fetch lets a waiter in between its parts. */
class LakeLockTest {

    static LakeLock take(Path lake, Duration timeout, List<String> said) {
        return LakeLock.acquire(lake.toString(), () -> {
            throw new AssertionError("a local lake needs no database");
        }, timeout, said::add);
    }

    @Test
    void aSecondTakerWaitsUntilTheFirstReleasesThenHoldsIt(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        List<String> said = new ArrayList<>();
        LakeLock first = take(lake, Duration.ZERO, said);
        CompletableFuture<LakeLock> second = CompletableFuture.supplyAsync(() -> take(lake, Duration.ofSeconds(30), said));
        Thread.sleep(1_500);
        assertFalse(second.isDone(), "waiting while the first holds it");
        assertTrue(Files.exists(dir.resolve("lake.fetch.lock.waiting")), "the waiter says it is waiting");
        first.close();
        second.get(10, TimeUnit.SECONDS).close();
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("waiting for the lake's lock (at most 30 s): another furlong process is writing this lake"),
                said.get(0));
        assertFalse(Files.exists(dir.resolve("lake.fetch.lock.waiting")), "and stops saying so once it holds the lock");
    }

    @Test
    void aTakerThatWaitsPastItsTimeoutGivesUp(@TempDir Path dir) {
        Path lake = dir.resolve("lake");
        try (LakeLock held = take(lake, Duration.ZERO, new ArrayList<>())) {
            LakeLock.TimedOut e = assertThrows(LakeLock.TimedOut.class, () -> take(lake, Duration.ofSeconds(1), new ArrayList<>()));
            assertTrue(e.getMessage().startsWith("gave up after waiting 1 s for the lake's lock"), e.getMessage());
        }
        take(lake, Duration.ZERO, new ArrayList<>()).close(); // released: free again
    }

    @Test
    void aLongFetchYieldsToALiveWaiterAndIgnoresADeadOnesMarker(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake");
        Path marker = dir.resolve("lake.fetch.lock.waiting");
        long started = System.nanoTime();
        LakeLock.yieldToWaiting(lake.toString(), Duration.ofSeconds(30));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "nobody waiting: no pause");

        Files.writeString(marker, "999999999"); // a process that does not exist
        started = System.nanoTime();
        LakeLock.yieldToWaiting(lake.toString(), Duration.ofSeconds(30));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a dead waiter's marker is ignored");

        Files.writeString(marker, Long.toString(ProcessHandle.current().pid())); // a live waiter, which takes the lock in 1.5 s
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1_500);
                Files.delete(marker);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        started = System.nanoTime();
        LakeLock.yieldToWaiting(lake.toString(), Duration.ofSeconds(30));
        long waited = System.nanoTime() - started;
        assertTrue(waited >= 1_000_000_000L && waited < 10_000_000_000L, "yielded until the waiter took its turn: " + waited / 1e6 + " ms");
    }
}
