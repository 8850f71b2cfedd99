package dev.furlong.cli;

import dev.furlong.config.Settings;
import picocli.CommandLine.Option;

/** {@code --demo}: work on the demo's embedded Postgres instead of the configured database. */
final class DemoDatabaseOption {

    @Option(names = "--demo", description = "Use the demo's embedded Postgres (./furlong-data/demo/pg).")
    boolean demo;

    Settings apply(Settings settings) {
        return demo ? settings.withDemoStorage() : settings;
    }
}
