package dev.furlong.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @Test
    void fromTheTwoVariables() {
        Credentials c = Credentials.fromEnvironment(Map.of("RACING_API_USERNAME", "alice", "RACING_API_PASSWORD", "s3cret")).orElseThrow();
        assertEquals("alice", c.username());
        assertEquals("s3cret", c.password());
    }

    @Test
    void noneSetIsEmptyButHalfSetIsAnError() {
        assertTrue(Credentials.fromEnvironment(Map.of()).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.fromEnvironment(Map.of("RACING_API_USERNAME", "alice")));
        assertTrue(e.getMessage().contains("RACING_API_PASSWORD"), e.getMessage());
    }

    @Test
    void fromACredentialsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racing.properties");
        Files.writeString(file, "username=bob\npassword=hunter2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Credentials c = Credentials.fromEnvironment(Map.of("RACING_API_CREDENTIALS_FILE", file.toString())).orElseThrow();
        assertEquals("bob", c.username());
        Files.writeString(file, "username=bob\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.fromEnvironment(Map.of("RACING_API_CREDENTIALS_FILE", file.toString())));
        assertTrue(e.getMessage().contains("password="), e.getMessage());
    }

    @Test
    void aCredentialsFileOtherUsersCanReadIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racing.properties");
        Files.writeString(file, "username=bob\npassword=hunter2\n");
        for (String mode : new String[]{"rw-r--r--", "rw-r-----", "rw-----w-"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Credentials.fromEnvironment(Map.of("RACING_API_CREDENTIALS_FILE", file.toString())));
            assertEquals("the credentials file " + file + " can be read or changed by other users (" + mode
                    + "): make it its owner's only with chmod 600 " + file, e.getMessage());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals("hunter2", Credentials.fromEnvironment(Map.of("RACING_API_CREDENTIALS_FILE", file.toString())).orElseThrow().password());
    }

    @Test
    void toStringNeverShowsThePassword() {
        String s = new Credentials("alice", "s3cret").toString();
        assertFalse(s.contains("s3cret"), s);
        assertTrue(s.contains("alice"));
    }
}
