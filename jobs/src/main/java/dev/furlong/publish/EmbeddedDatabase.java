package dev.furlong.publish;

import dev.furlong.lake.OwnerOnlyFolders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Postgres (zonky's embedded binaries) whose data directory persists between runs, so the zero-setup default keeps
 * its data. Listens on loopback only, and every connection, TCP or socket, needs the password in its {@link PasswordFile}:
 * loopback is shared by every user of the machine.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** Every connection authenticated by password (SCRAM); nothing trusted. */
    static final String PG_HBA = """
            # Written by Furlong at each start: every connection needs the password in the .pgpass file beside this folder.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final PasswordFile passwordFile;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, PasswordFile passwordFile, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.passwordFile = passwordFile;
        this.password = password;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            OwnerOnlyFolders.create(dataDirectory.getParent() == null ? Path.of(".") : dataDirectory.getParent());
            PasswordFile passwordFile = PasswordFile.beside(dataDirectory);
            boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf")); // zonky's own test for running initdb
            // A database made by an older Furlong trusted every loopback connection: it is given a password once it is up,
            // and the file written only then, so a start that fails before leaves it as it was.
            boolean trusting = !fresh && !passwordFile.exists();
            String password = passwordFile.exists() ? passwordFile.read() : PasswordFile.newPassword();
            if (fresh && !passwordFile.exists()) {
                passwordFile.write(password);
            }
            Path initdbPassword = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".initdb-password");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", "off")
                    .setConnectConfig("password", password)
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setDataDirectoryCustomizer(dir -> {
                        if (!trusting) {
                            writePgHba(dir.toPath());
                        }
                    });
            if (fresh) {
                // zonky runs initdb with -A trust; the options after it (given as "locale" options) override that.
                Files.deleteIfExists(initdbPassword);
                PasswordFile.writeOwnerOnly(initdbPassword, password + "\n");
                builder.setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("pwfile", initdbPassword.toString());
            }
            EmbeddedPostgres pg;
            try {
                pg = builder.start();
            } finally {
                Files.deleteIfExists(initdbPassword);
            }
            EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDirectory, passwordFile, password);
            if (trusting) {
                db.stopTrusting();
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Postgres in " + dataDirectory + " (is another furlong "
                    + "process using it?): " + e.getMessage(), e);
        }
    }

    /** Sets the password of a database that trusted loopback, writes it down, then requires it. */
    private void stopTrusting() throws IOException {
        try (Connection c = target("public").connect(); Statement s = c.createStatement()) {
            // A generated password is URL-safe base64, with no quote to escape; ALTER ROLE takes no bind parameter.
            s.execute("ALTER ROLE " + PasswordFile.USER + " PASSWORD '" + password + "'");
            passwordFile.write(password);
            writePgHba(dataDirectory);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the password of the embedded Postgres: " + e.getMessage(), e);
        }
    }

    private static void writePgHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PgTarget target(String schema) {
        return new PgTarget(postgres.getJdbcUrl(PasswordFile.USER, "postgres"), PasswordFile.USER, password, schema);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Where its password is, for {@code psql} and the notebooks. */
    public Path passwordFile() {
        return passwordFile.path();
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
