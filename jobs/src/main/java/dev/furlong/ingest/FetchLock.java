package dev.furlong.ingest;

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
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One fetching process per lake (and so per account) at a time: a lock file beside a local lake, or a Postgres advisory lock
 * when the lake is remote. The operating system or the database releases it when the process dies, so a killed run never
 * leaves a stale lock behind.
 */
public final class FetchLock implements AutoCloseable {

    private final AutoCloseable release;

    private FetchLock(AutoCloseable release) {
        this.release = release;
    }

    /**
     * Takes the lock or fails with a message saying who holds it.
     *
     * @param lake     the lake root: a local path, or a URI such as {@code s3a://...}
     * @param database a connection to the serving Postgres, used only for a remote lake
     */
    public static FetchLock acquire(String lake, Supplier<Connection> database) {
        boolean local = !lake.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || lake.startsWith("file:");
        return local ? fileLock(Path.of(lake.replaceFirst("^file:(//)?", ""))) : advisoryLock(lake, database.get());
    }

    private static FetchLock fileLock(Path lake) {
        Path lockFile = lake.toAbsolutePath().normalize().resolveSibling(lake.getFileName() + ".fetch.lock");
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalStateException("another furlong process is fetching into this lake (" + lockFile
                        + (holder.isEmpty() ? "" : ": " + holder) + "); one fetch per account at a time keeps within the API's limits");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n"));
            FileLock held = lock;
            return new FetchLock(() -> {
                held.release();
                channel.close();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the fetch lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static FetchLock advisoryLock(String lake, Connection c) {
        long key = ("furlong-fetch:" + lake).hashCode();
        try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setLong(1, key);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw new IllegalStateException("another furlong process is fetching into " + lake
                            + " (it holds the Postgres advisory lock " + key + ")");
                }
            }
            return new FetchLock(c::close); // closing the session releases the lock
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the fetch lock in Postgres: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("releasing the fetch lock failed: " + e.getMessage(), e);
        }
    }
}
