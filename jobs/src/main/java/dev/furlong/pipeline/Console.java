package dev.furlong.pipeline;

import java.io.PrintStream;

/** What a command tells the person running it: progress (suppressed by -q), results, and errors. */
public final class Console {

    private final PrintStream out;
    private final boolean quiet;

    public Console(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** Progress and plan lines. */
    public void info(String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }

    /** Results that are printed even with -q. */
    public void result(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
