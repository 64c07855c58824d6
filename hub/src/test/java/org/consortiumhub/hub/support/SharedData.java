package org.consortiumhub.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real test data beside the project ({@code ../shared/data}); its absence fails the test loudly. */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("hub.shared.data", "../shared/data");
        Path file = Path.of(root).resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("Test data " + file.toAbsolutePath() + " is missing: the tests read real records"
                    + " from the shared data folder beside the project (-Dhub.shared.data=…)");
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
