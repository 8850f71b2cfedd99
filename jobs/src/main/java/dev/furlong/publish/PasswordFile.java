package dev.furlong.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The embedded Postgres's password, in a file beside its data folder that only its owner can read. The file is in the
 * {@code .pgpass} format ({@code *:*:*:postgres:PASSWORD}), so {@code PGPASSFILE=FILE psql ...} and psycopg read it as it is.
 */
public record PasswordFile(Path path) {

    static final String USER = "postgres";
    private static final String PREFIX = "*:*:*:" + USER + ":";

    /** The file beside {@code dataDirectory}: {@code furlong-data/pg} has {@code furlong-data/pg.pgpass}. */
    public static PasswordFile beside(Path dataDirectory) {
        return new PasswordFile(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".pgpass"));
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The password it holds; a file that is not a Furlong password file is refused, naming it. */
    public String read() throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.size() != 1 || !lines.get(0).startsWith(PREFIX) || lines.get(0).length() == PREFIX.length()) {
            throw new IOException(path + " is not the embedded Postgres's password file (one line: " + PREFIX + "PASSWORD)");
        }
        return lines.get(0).substring(PREFIX.length());
    }

    /** A new random password: 192 bits in URL-safe base64, so nothing in it needs quoting or escaping. */
    public static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Writes {@code password} into a new owner-only file. */
    public void write(String password) throws IOException {
        writeOwnerOnly(path, PREFIX + password + "\n");
    }

    /** Creates {@code file} readable and writable by its owner only before a byte of {@code text} is in it. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
