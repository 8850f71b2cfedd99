package dev.furlong.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.furlong.pipeline.RunContext;
import dev.furlong.validate.HtmlReport;
import dev.furlong.validate.Severity;
import dev.furlong.validate.ValidateJob;
import dev.furlong.validate.Validation;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "The data-quality checks, against Postgres and the lake: row counts, races and courses per year, runners per race, result "
                + "coverage, pedigrees and details, duplicate keys, orphaned references, NULL rates, freshness, the statistics' age, "
                + "Postgres against the lake, bronze against silver, the quarantine. Each check has a severity and a threshold "
                + "(furlong.validate in the configuration). Reads only."})
final class ValidateCommand implements Callable<Integer> {

    enum FailOn { error, warn }

    @Mixin
    CommonOptions common;

    @Mixin
    DemoDatabaseOption demoData;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a check of this severity or worse fails: error (default) or warn.")
    FailOn failOn;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the checks and the charts' data as JSON.")
    File json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report with charts.")
    File report;

    @Override
    public Integer call() throws Exception {
        var settings = demoData.apply(common.settings());
        Validation validation;
        try (RunContext ctx = RunContext.forApi(settings, common.console(), common.env());
             DatabaseToRead db = DatabaseToRead.open(settings, ctx)) {
            validation = new ValidateJob(ctx.spark(), ctx.lake(), settings).run(db.connection(), db.name(), db.problem());
        }
        if (json != null) {
            Files.writeString(json.toPath(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(validation),
                    StandardCharsets.UTF_8);
        }
        if (report != null) {
            Files.writeString(report.toPath(), HtmlReport.render(validation), StandardCharsets.UTF_8);
        }
        common.console().result(validation.render() + (json == null ? "" : "JSON: " + json + "\n")
                + (report == null ? "" : "Report: " + report + "\n"));
        return validation.failsAt(failOn == FailOn.warn ? Severity.WARN : Severity.ERROR) ? Furlong.FAILED : Furlong.OK;
    }
}
