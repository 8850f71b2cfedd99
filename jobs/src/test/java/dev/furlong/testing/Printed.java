package dev.furlong.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** A command run in this JVM: its exit code and what it printed, standard output and error together. */
public record Printed(int code, String text) {

    /** Runs {@code command} with System.out and System.err caught (every thread's, for as long as it runs). */
    public static Printed by(Callable<Integer> command) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        int code;
        try {
            code = command.call();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Printed(code, printed.toString(StandardCharsets.UTF_8));
    }
}
