package dev.furlong.publish;

import dev.furlong.config.Redact;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A Postgres database and schema to publish into. Serializable so Spark tasks can open their own connections for COPY; its
 * {@link #toString()} never shows the password.
 */
public record PgTarget(String url, String user, String password, String schema) implements Serializable {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "furlong");
        props.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return "PgTarget[" + Redact.url(url) + ", user=" + user + ", schema=" + schema + "]";
    }
}
