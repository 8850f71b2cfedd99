package dev.furlong.testing;

import dev.furlong.cli.Furlong;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLI in a child JVM, as a user runs it (a process of its own that can be killed), its output into a log file. */
public final class ChildFurlong {

    private ChildFurlong() {
    }

    /** Quick to start (C1 only), with room for the code a whole backfill compiles (48 MB runs out in its publish). */
    public static Process start(Map<String, String> env, Path log, List<String> args) throws IOException {
        return start(env, log, List.of(), args);
    }

    /** The same, the JVM started by {@code wrapper} (a command that runs the words after it as a command). */
    public static Process start(Map<String, String> env, Path log, List<String> wrapper, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m", "-cp", System.getProperty("java.class.path"), Furlong.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs to the end and returns the exit code. */
    public static int run(Map<String, String> env, Path log, List<String> args) throws IOException, InterruptedException {
        return start(env, log, args).waitFor();
    }
}
