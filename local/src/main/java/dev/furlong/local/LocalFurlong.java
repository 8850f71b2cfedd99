package dev.furlong.local;

import dev.furlong.cli.Furlong;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The main class of the local jar: every {@code furlong} command, plus those that run the sandbox in this process — {@code demo},
 * {@code sandbox} and {@code bench}. The cluster jar runs {@link Furlong} alone and carries no sandbox class.
 */
public final class LocalFurlong {

    private LocalFurlong() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args));
    }

    /** Runs a command line with the given environment (tests use this instead of main). */
    public static int run(Map<String, String> env, String... args) {
        return Furlong.run(env, commands(), args);
    }

    /** The whole command tree of the local jar. */
    public static CommandLine commandLine() {
        return Furlong.commandLine(commands());
    }

    private static List<Object> commands() {
        return List.of(new DemoCommand(), new SandboxCommand(), new BenchCommand());
    }
}
