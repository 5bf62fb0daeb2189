package org.parley.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A numbered schema change written in Java: its number is its version and its checksum (the
 * code is the build's, so a number names one change for good), and it runs in the
 * migration's transaction, all of it or none.
 */
abstract class SchemaVersion implements JavaMigration {
    private final int version;
    private final String description;

    SchemaVersion(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
