package org.consortiumhub.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adapter.properties beside the adapter: read when it is there, silently skipped when it is not. */
class AdapterPropertiesFileTest {

    @TempDir
    Path workingDirectory;

    @Test
    void readsTheLibrarysSettingsFile() throws IOException {
        Files.writeString(workingDirectory.resolve("adapter.properties"),
                "adapter.hub.url=https://hub.example.org\nadapter.hub.api-key=key-1\n");

        List<ConfigSource> sources = AdapterPropertiesFile.sourcesIn(workingDirectory);

        assertEquals(1, sources.size());
        assertEquals("https://hub.example.org", sources.get(0).getValue("adapter.hub.url"));
        // Environment variables (300) must still win over the file, and the file over the packaged defaults (250).
        assertEquals(260, sources.get(0).getOrdinal());
    }

    @Test
    void noFileMeansNoSource() {
        assertTrue(AdapterPropertiesFile.sourcesIn(workingDirectory).isEmpty());
    }
}
