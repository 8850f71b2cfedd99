package dev.furlong.local;

import dev.furlong.cli.CommonOptions;
import dev.furlong.config.InvalidSettingException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline over the last N days against the in-process sandbox, an embedded Postgres and a "
                + "local lake under ./furlong-data/demo/; prints what was published and how to query it."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--days", paramLabel = "N", description = "Days to run over, ending yesterday (default 30).")
    Integer days;

    @Override
    public Integer call() throws Exception {
        var settings = common.settings();
        int n = days == null ? settings.demoDays() : days;
        if (n < 1 || n > 365) {
            throw new InvalidSettingException("--days must be between 1 and 365, got " + n);
        }
        return new DemoRun(settings, common.console(), common.env()).run(n);
    }
}
