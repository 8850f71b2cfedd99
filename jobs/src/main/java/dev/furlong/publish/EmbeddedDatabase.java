package dev.furlong.publish;

import dev.furlong.lake.OwnerOnlyFolders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real Postgres (zonky's embedded binaries) whose data directory persists between runs, so the zero-setup default keeps
 * its data. Listens on loopback only.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            OwnerOnlyFolders.create(dataDirectory.getParent() == null ? Path.of(".") : dataDirectory.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new EmbeddedDatabase(pg, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Postgres in " + dataDirectory + " (is another furlong "
                    + "process using it?): " + e.getMessage(), e);
        }
    }

    public PgTarget target(String schema) {
        return new PgTarget(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, schema);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
