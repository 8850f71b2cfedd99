package dev.furlong.cli;

import dev.furlong.api.ApiException;
import dev.furlong.config.InvalidSettingException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code furlong <command> [options]}: the one entry point, also the main class for spark-submit. Exit codes: 0 success,
 * 1 the run failed, 2 usage error (bad flag or value). The local jar adds the commands that need the sandbox (demo, sandbox,
 * bench) through {@link #run(Map, List, String...)}; the cluster jar has none of them.
 */
@Command(name = "furlong", mixinStandardHelpOptions = true, versionProvider = Furlong.Version.class,
        description = "Builds and keeps a complete UK & Irish horse-racing database from The Racing API.",
        subcommands = {
                BackfillCommand.class,
                SyncCommand.class,
                FetchCommand.class,
                TransformCommand.class,
                StatsCommand.class,
                PublishCommand.class,
                ValidateCommand.class,
                StatusCommand.class,
                ScheduleCommand.class,
                SqlCommand.class,
                DbCommand.class,
                MaintainCommand.class,
                CommandLine.HelpCommand.class})
public final class Furlong implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The process environment, or the one a test passes in: commands read secrets and PG_* from here only. */
    private static volatile Map<String, String> environment = System.getenv();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code. */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs a command line with the given environment (tests use this instead of main). */
    public static int run(Map<String, String> env, String... args) {
        return run(env, List.of(), args);
    }

    /** Runs a command line with the given environment and more commands beside the built-in ones. */
    public static synchronized int run(Map<String, String> env, List<Object> moreCommands, String... args) {
        environment = Map.copyOf(env);
        return commandLine(moreCommands).execute(args);
    }

    /** The command tree: the built-in commands and {@code moreCommands}, with Furlong's exit codes for failures. */
    public static CommandLine commandLine(List<Object> moreCommands) {
        CommandLine cli = new CommandLine(new Furlong());
        moreCommands.forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(Furlong::handle);
        cli.setExecutionStrategy(Furlong::checkOrRun);
        return cli;
    }

    static Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line, or with {@code --check-args} only resolves its settings (which checks them) and says so. */
    private static int checkOrRun(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (!last.hasMatchedOption("--check-args")) {
            return new CommandLine.RunLast().execute(parsed);
        }
        CommandLine.Model.CommandSpec common = last.commandSpec().mixins().get("common");
        try {
            ((CommonOptions) common.userObject()).settings();
        } catch (InvalidSettingException e) {
            last.commandSpec().commandLine().getErr().println("furlong: " + e.getMessage());
            return USAGE;
        }
        last.commandSpec().commandLine().getOut().println("furlong " + last.commandSpec().qualifiedName(" ").replaceFirst("^furlong ", "")
                + ": arguments accepted");
        return OK;
    }

    /** Expected failures print one line; anything else too, with the stack trace only under -v. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("-v")) || parsed.hasMatchedOption("-v");
        if (e instanceof InvalidSettingException) {
            err.println("furlong: " + e.getMessage());
            return USAGE;
        }
        if (e instanceof ApiException.AuthenticationFailed) {
            err.println("furlong: " + e.getMessage());
            return FAILED;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage().lines().findFirst().orElse("");
        err.println("furlong: " + message + systemReason(e, message) + (verbose ? "" : "  (-v shows details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return FAILED;
    }

    /**
     * The operating system's reason under a failure whose own message does not give it (a Spark task that could not write
     * because the disk is full says so only in its deepest cause), as ": REASON"; else "".
     */
    static String systemReason(Throwable e, String message) {
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                reason = t.getMessage().lines().findFirst().orElse("");
            }
        }
        return reason == null || reason.isEmpty() || message.contains(reason) ? "" : ": " + reason;
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Furlong.class.getPackage().getImplementationVersion();
            return new String[]{"furlong " + (v == null ? "(development build)" : v)};
        }
    }
}
