package dev.furlong.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintain", mixinStandardHelpOptions = true, description = "Delta housekeeping: OPTIMIZE and VACUUM.")
final class MaintainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.settings();
        return NotBuilt.say("maintain");
    }
}
