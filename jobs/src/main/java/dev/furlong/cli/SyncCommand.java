package dev.furlong.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "The scheduled run: transactions (mutable window + racecards), horses, people, static.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--scope", split = ",", paramLabel = "S", description = "transactions,horses,people,static (default all).")
    List<String> scope;

    static final List<String> SCOPES = List.of("transactions", "horses", "people", "static");

    @Override
    public Integer call() {
        common.settings();
        if (scope != null) {
            for (String s : scope) {
                if (!SCOPES.contains(s)) {
                    throw new dev.furlong.config.InvalidSettingException("--scope takes " + String.join(",", SCOPES) + "; got '" + s + "'");
                }
            }
        }
        return NotBuilt.say("sync");
    }
}
