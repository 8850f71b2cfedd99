package dev.furlong.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One publish into a database at a time: two would drop each other's staging tables (they share {@code furlong_staging}) and
 * interleave watermarks; {@code maintain} takes it too, so no publish runs while it vacuums. The lock is a Postgres advisory lock
 * held by a connection: it goes with the connection, however the process ends.
 */
public final class PublishLock {

    private PublishLock() {
    }

    /** Takes the lock on {@code connection}; false when another connection holds it. */
    public static boolean tryTake(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            p.setString(1, "furlong.publish");
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
