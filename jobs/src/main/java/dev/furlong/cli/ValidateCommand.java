package dev.furlong.cli;

import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "The data-quality checks: console table, JSON, HTML report.")
final class ValidateCommand implements Callable<Integer> {

    enum FailOn { error, warn }

    @Mixin
    CommonOptions common;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error or warn.")
    FailOn failOn;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write an HTML report with charts.")
    File report;

    @Override
    public Integer call() {
        common.settings();
        return NotBuilt.say("validate");
    }
}
