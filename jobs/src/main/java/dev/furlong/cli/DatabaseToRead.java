package dev.furlong.cli;

import dev.furlong.config.Redact;
import dev.furlong.config.Settings;
import dev.furlong.pipeline.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The serving Postgres as the reading commands (status, validate) open it: a connection, or none and the plain reason why. An
 * embedded Postgres that was never created is not created just to be read.
 *
 * @param connection the connection, or null
 * @param name       what it is, for the report: its URL without credentials (or the embedded one's folder) and its schema
 * @param problem    why there is no connection, or null
 */
record DatabaseToRead(Connection connection, String name, String problem) implements AutoCloseable {

    static DatabaseToRead open(Settings settings, RunContext ctx) {
        if (settings.pgUrl().isEmpty() && !Files.isDirectory(Path.of(settings.embeddedPgDataDir()))) {
            return new DatabaseToRead(null, "embedded Postgres in " + settings.embeddedPgDataDir(),
                    "nothing published yet: the embedded Postgres has not been created (./furlong publish creates it)");
        }
        String name = settings.pgUrl().map(Redact::url).orElse("embedded Postgres in " + settings.embeddedPgDataDir()) + ", schema "
                + settings.pgSchema();
        try {
            return new DatabaseToRead(ctx.database().connect(), name, null);
        } catch (SQLException e) {
            return new DatabaseToRead(null, name, "cannot connect: " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
