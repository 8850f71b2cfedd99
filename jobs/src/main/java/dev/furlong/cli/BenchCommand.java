package dev.furlong.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "The benchmark harness.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.settings();
        return NotBuilt.say("bench");
    }
}
