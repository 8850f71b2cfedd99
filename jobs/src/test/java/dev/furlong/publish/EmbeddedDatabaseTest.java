package dev.furlong.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Postgres listens on loopback, which every user of the machine shares: no connection gets in without the
 * password kept in an owner-only file beside its data folder.
 */
class EmbeddedDatabaseTest {

    @Test
    void aNewDatabaseRefusesEveryConnectionWithoutThePasswordKeptInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            PgTarget target = db.target("public");
            Path file = dir.resolve("pg.pgpass");
            assertEquals(file, db.passwordFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            password = PasswordFile.beside(data).read();
            assertEquals(32, password.length(), "192 random bits in base64");
            assertEquals("*:*:*:postgres:" + password + "\n", Files.readString(file), "the .pgpass format psql reads");

            assertEquals(1, selectOne(target.connect()));
            assertRefused(target.url(), null);
            assertRefused(target.url(), "postgres");
            assertFalse(Files.readString(data.resolve("pg_hba.conf")).contains("trust"));
            assertFalse(Files.exists(dir.resolve("pg.initdb-password")), "initdb's copy of the password is gone");
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertEquals(password, PasswordFile.beside(data).read(), "a restart keeps the password");
            assertEquals(1, selectOne(again.target("public").connect()));
            assertRefused(again.target("public").url(), null);
        }
    }

    @Test
    void aDatabaseThatTrustedLoopbackIsGivenAPasswordAtItsNextStartKeepingItsData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
             Connection c = trusting.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept AS SELECT 42 AS answer");
        }
        assertFalse(PasswordFile.beside(data).exists());

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            assertTrue(PasswordFile.beside(data).exists());
            assertRefused(db.target("public").url(), null);
            try (Connection c = db.target("public").connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT answer FROM kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            assertRefused(db.target("public").url(), null);
            assertEquals(1, selectOne(db.target("public").connect()));
        }
    }

    @Test
    void aPasswordFileThatIsNotFurlongsIsRefusedByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pg.pgpass"), "localhost:5432:*:someone:secret\n");
        Exception e = assertThrows(Exception.class, () -> EmbeddedDatabase.start(dir.resolve("pg")).close());
        assertTrue(e.getMessage().contains("pg.pgpass is not the embedded Postgres's password file"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertRefused(String url, String password) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props).close());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }
}
