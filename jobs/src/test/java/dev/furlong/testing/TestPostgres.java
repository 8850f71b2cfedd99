package dev.furlong.testing;

import dev.furlong.publish.PgTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One throwaway Postgres for the test JVM (started by the test, not by Furlong); tests isolate themselves by schema. */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    public static String url() {
        return get().getJdbcUrl("postgres", "postgres");
    }

    public static PgTarget target(String schema) {
        return new PgTarget(url(), "postgres", null, schema);
    }

    /** The first column of the first row of a query, or 0 when it returns no row. */
    public static long scalar(PgTarget db, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
