package dev.furlong.testing;

import dev.furlong.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh lake folder per test. */
public final class TempLake {

    private TempLake() {
    }

    public static Lake create(Path dir) throws IOException {
        return new Lake(Files.createDirectories(dir.resolve("lake")).toString());
    }
}
