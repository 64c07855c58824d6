package org.consortiumhub.adapter.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import io.smallrye.config.PropertiesConfigSource;

/**
 * Reads {@code adapter.properties} from the directory the adapter runs in, when the library keeps its settings there.
 * A provider rather than {@code quarkus.config.locations} because a library that configures the adapter only through
 * environment variables should not be warned about a missing file on every run.
 */
public class AdapterPropertiesFile implements ConfigSourceProvider {

    static final String FILE_NAME = "adapter.properties";

    /** Above the defaults packaged in the adapter (250), below environment variables (300) and -D options (400). */
    static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader classLoader) {
        return sourcesIn(Path.of(""));
    }

    /** The settings file in the given directory, if the library put one there. */
    static List<ConfigSource> sourcesIn(Path directory) {
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(new PropertiesConfigSource(file.toUri().toURL(), ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
