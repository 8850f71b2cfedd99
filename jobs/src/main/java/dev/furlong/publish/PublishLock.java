package dev.furlong.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One publish into a database at a time: two would drop each other's staging tables (they share {@code furlong_staging}) and
 * interleave watermarks; {@code maintain} takes it too, so no publish runs while it vacuums. The lock is a Postgres advisory lock
 * held by a connection: it goes with the connection, however the process ends.
 */
public final class PublishLock {

    private static final String NAME = "furlong.publish";
    /** The SQL state of a lock wait ended by lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private PublishLock() {
    }

    /**
     * Takes the lock on {@code connection}, waiting up to {@code timeout} while another publish holds it ({@code waiting} is told
     * once, when it does); false when it is still held then.
     */
    public static boolean take(Connection connection, Duration timeout, Consumer<String> waiting) throws SQLException {
        if (tryTake(connection)) {
            return true;
        }
        if (timeout.isZero()) {
            return false;
        }
        waiting.accept("another furlong publish (or maintain) into this database is running: waiting up to " + timeout
                + " for it to end");
        try (Statement s = connection.createStatement()) {
            // An advisory lock's wait obeys lock_timeout: the server does the waiting, and the lock is ours the moment it is free.
            s.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
            try (PreparedStatement p = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                p.setString(1, NAME);
                p.execute();
                return true;
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                s.execute("RESET lock_timeout");
            }
        }
    }

    /** Takes the lock on {@code connection}; false when another connection holds it. */
    public static boolean tryTake(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            p.setString(1, NAME);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
