package dev.furlong.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The account's HTTP Basic credentials. They come only from the environment ({@code RACING_API_USERNAME} /
 * {@code RACING_API_PASSWORD}) or from a properties file named by {@code RACING_API_CREDENTIALS_FILE}; {@link #toString()} never
 * shows the password.
 */
public record Credentials(String username, String password) {

    public static final String USERNAME_VARIABLE = "RACING_API_USERNAME";
    public static final String PASSWORD_VARIABLE = "RACING_API_PASSWORD";
    public static final String FILE_VARIABLE = "RACING_API_CREDENTIALS_FILE";

    public Credentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("credentials need a username and a password");
        }
    }

    /**
     * Reads the credentials from the given environment. Empty when none are set; an error when they are set but unusable
     * (only one of the two variables, or an unreadable or incomplete file).
     */
    public static Optional<Credentials> fromEnvironment(Map<String, String> env) {
        String user = blankToNull(env.get(USERNAME_VARIABLE));
        String pass = blankToNull(env.get(PASSWORD_VARIABLE));
        if (user != null || pass != null) {
            if (user == null || pass == null) {
                throw new IllegalArgumentException("set both " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE
                        + " (only " + (user == null ? PASSWORD_VARIABLE : USERNAME_VARIABLE) + " is set)");
            }
            return Optional.of(new Credentials(user, pass));
        }
        String file = blankToNull(env.get(FILE_VARIABLE));
        return file == null ? Optional.empty() : Optional.of(fromFile(Path.of(file)));
    }

    /**
     * A properties file with {@code username=} and {@code password=}, readable by its owner only: one that other users can read
     * or change is refused (as ssh refuses such a key), with the command that fixes it.
     */
    public static Credentials fromFile(Path file) {
        requireOwnerOnly(file);
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credentials file " + file + " named by " + FILE_VARIABLE
                    + ": " + e.getClass().getSimpleName());
        }
        String user = blankToNull(props.getProperty("username"));
        String pass = blankToNull(props.getProperty("password"));
        if (user == null || pass == null) {
            throw new IllegalArgumentException("the credentials file " + file + " needs both username= and password=");
        }
        return new Credentials(user.trim(), pass.trim());
    }

    private static void requireOwnerOnly(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: its own access rules apply
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credentials file " + file + " named by " + FILE_VARIABLE
                    + ": " + e.getClass().getSimpleName());
        }
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        others.retainAll(permissions);
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("the credentials file " + file + " can be read or changed by other users ("
                    + PosixFilePermissions.toString(permissions) + "): make it its owner's only with chmod 600 " + file);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
