package dev.furlong.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One process writing a lake at a time, stage by stage: a fetch (and so one account's calls at a time), a transform or a
 * statistics run holds it while it reads what it builds on and commits what it made. A lock file beside a local lake, or a
 * Postgres advisory lock when the lake is remote. The operating system or the database releases it when the process dies,
 * so a killed run never leaves a stale lock behind. A run that finds the lock held waits its turn, up to a timeout.
 */
public final class LakeLock implements AutoCloseable {

    /** How often a waiting run tries again. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final AutoCloseable release;

    private LakeLock(AutoCloseable release) {
        this.release = release;
    }

    /** The lock was still held when the timeout ran out. */
    public static final class TimedOut extends IllegalStateException {
        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock, waiting while another process holds it.
     *
     * @param lake     the lake root: a local path, or a URI such as {@code s3a://...}
     * @param database a connection to the serving Postgres, used only for a remote lake
     * @param timeout  how long to wait for another process to release it; zero tries once
     * @param waiting  told once, when the lock is held by another, who holds it
     * @throws TimedOut when the lock is still held after {@code timeout}
     */
    public static LakeLock acquire(String lake, Supplier<Connection> database, Duration timeout, Consumer<String> waiting) {
        Attempt attempt = isLocal(lake) ? new FileAttempt(localPath(lake)) : new AdvisoryAttempt(lake, database.get());
        Instant deadline = Instant.now().plus(timeout);
        try {
            return waitFor(attempt, deadline, timeout, waiting);
        } finally {
            attempt.stopWaiting();
        }
    }

    private static LakeLock waitFor(Attempt attempt, Instant deadline, Duration timeout, Consumer<String> waiting) {
        boolean told = false;
        while (true) {
            Optional<LakeLock> lock = attempt.tryTake();
            if (lock.isPresent()) {
                return lock.get();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                attempt.giveUp();
                throw new TimedOut("gave up after waiting " + timeout.toSeconds() + " s for the lake's lock: " + attempt.holder()
                        + "; one fetch per account at a time keeps within the API's limits (--lock-timeout waits longer)");
            }
            if (!told) {
                waiting.accept("waiting for the lake's lock (at most " + timeout.toSeconds() + " s): " + attempt.holder());
                attempt.startWaiting();
                told = true;
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), left.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                attempt.giveUp();
                throw new IllegalStateException("interrupted while waiting for the lake's lock", e);
            }
        }
    }

    /**
     * Between two parts of a long fetch (a backfill's months), lets a run that is waiting for the lock take it first: for a
     * local lake, waits while a live process says it is waiting (its marker beside the lock file), at most {@code max}; for a
     * remote lake, pauses past a waiter's next try.
     */
    public static void yieldToWaiting(String lake, Duration max) {
        Instant deadline = Instant.now().plus(max);
        try {
            if (!isLocal(lake)) {
                Thread.sleep(POLL.toMillis() * 2);
                return;
            }
            Path marker = new FileAttempt(localPath(lake)).marker;
            while (Instant.now().isBefore(deadline) && waiterAlive(marker)) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waiterAlive(Path marker) {
        try {
            long pid = Long.parseLong(Files.readString(marker, StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // no marker, or one being written: nobody is waiting yet
        }
    }

    private static boolean isLocal(String lake) {
        return !lake.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || lake.startsWith("file:");
    }

    private static Path localPath(String lake) {
        return Path.of(lake.replaceFirst("^file:(//)?", ""));
    }

    /** One way of holding the lock, tried again and again while another process holds it. */
    private interface Attempt {
        Optional<LakeLock> tryTake();

        /** Who holds it, as far as can be told. */
        String holder();

        void giveUp();

        /** Says, where the holder can see it, that a run is waiting. */
        default void startWaiting() {
        }

        default void stopWaiting() {
        }
    }

    private static final class FileAttempt implements Attempt {
        private final Path lake;
        private final Path lockFile;
        private final Path marker;
        private boolean marked;

        FileAttempt(Path lake) {
            this.lake = lake;
            lockFile = lake.toAbsolutePath().normalize().resolveSibling(lake.getFileName() + ".fetch.lock");
            marker = lockFile.resolveSibling(lockFile.getFileName() + ".waiting");
        }

        @Override
        public void startWaiting() {
            try {
                Files.writeString(marker, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
                marked = true;
            } catch (IOException e) {
                // only a courtesy to the holder: waiting works without it
            }
        }

        @Override
        public void stopWaiting() {
            if (!marked) {
                return; // another run's marker, if any, is not ours to remove
            }
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                // a marker left behind names a process that is gone: the holder ignores it
            }
        }

        @Override
        public Optional<LakeLock> tryTake() {
            try {
                OwnerOnlyFolders.create(lake); // the first fetch into a lake creates it, and the folder it is in if missing
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this very process
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                channel.truncate(0);
                channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n"));
                FileLock held = lock;
                return Optional.of(new LakeLock(() -> {
                    held.release();
                    channel.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take the lake's lock " + lockFile + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String holder() {
            String who;
            try {
                who = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                who = "";
            }
            return "another furlong process is writing this lake (" + lockFile + (who.isEmpty() ? "" : ": " + who) + ")";
        }

        @Override
        public void giveUp() {
        }
    }

    private static final class AdvisoryAttempt implements Attempt {
        private final String lake;
        private final Connection connection;
        private final long key;

        AdvisoryAttempt(String lake, Connection connection) {
            this.lake = lake;
            this.connection = connection;
            this.key = ("furlong-fetch:" + lake).hashCode();
        }

        @Override
        public Optional<LakeLock> tryTake() {
            try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                p.setLong(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    // Closing the session releases the lock.
                    return rs.getBoolean(1) ? Optional.of(new LakeLock(connection::close)) : Optional.empty();
                }
            } catch (SQLException e) {
                giveUp();
                throw new IllegalStateException("cannot take the lake's lock in Postgres: " + e.getMessage(), e);
            }
        }

        @Override
        public String holder() {
            return "another furlong process is writing " + lake + " (it holds the Postgres advisory lock " + key + ")";
        }

        @Override
        public void giveUp() {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is gone either way
            }
        }
    }

    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("releasing the lake's lock failed: " + e.getMessage(), e);
        }
    }
}
