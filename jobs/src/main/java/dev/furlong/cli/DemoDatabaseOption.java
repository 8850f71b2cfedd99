package dev.furlong.cli;

import dev.furlong.config.Settings;
import picocli.CommandLine.Option;

/** {@code --demo}: work on the demo's data (its lake and embedded Postgres) instead of the configured ones. */
final class DemoDatabaseOption {

    @Option(names = "--demo", description = "Use the demo's data: its embedded Postgres and lake (./furlong-data/demo).")
    boolean demo;

    Settings apply(Settings settings) {
        return demo ? settings.withDemoStorage() : settings;
    }
}
