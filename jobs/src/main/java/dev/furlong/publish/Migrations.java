package dev.furlong.publish;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations in {@code db/migration} to the target schema before anything is written. A database whose
 * schema is newer than this build knows is refused: writing to it could lose data.
 */
public final class Migrations {

    private Migrations() {
    }

    /** Migrates and returns the schema version now in force. */
    public static String apply(PgTarget target) {
        Flyway flyway = Flyway.configure()
                .dataSource(target.url(), target.user(), target.password())
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .createSchemas(true)
                .locations("classpath:db/migration")
                .ignoreMigrationPatterns("") // a future (unknown) migration must fail validation, not be ignored
                .validateOnMigrate(true)
                .loggers("slf4j")
                .load();
        MigrationInfo[] applied = flyway.info().applied();
        MigrationInfo[] known = flyway.info().all();
        if (applied.length > 0 && known.length > 0) {
            MigrationInfo newestApplied = applied[applied.length - 1];
            MigrationInfo newestKnown = null;
            for (MigrationInfo m : known) {
                if (m.getPhysicalLocation() != null && !m.getPhysicalLocation().isEmpty()) {
                    newestKnown = m;
                }
            }
            if (newestKnown != null && newestApplied.getVersion() != null
                    && newestApplied.getVersion().isNewerThan(newestKnown.getVersion().getVersion())) {
                throw new IllegalStateException("the database schema " + target.schema() + " is at version "
                        + newestApplied.getVersion() + ", newer than this Furlong knows (" + newestKnown.getVersion()
                        + "): upgrade Furlong before publishing");
            }
        }
        try {
            MigrateResult result = flyway.migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion : flyway.info().current().getVersion().getVersion();
        } catch (FlywayException e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
