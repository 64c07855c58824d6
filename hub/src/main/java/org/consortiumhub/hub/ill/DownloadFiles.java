package org.consortiumhub.hub.ill;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Short-lived files a document download is streamed from: the document itself stays in the database; the copy on
 * disk exists only while it is being sent and is removed by the next clean-up.
 */
@ApplicationScoped
public class DownloadFiles {

    private static final Logger LOG = Logger.getLogger(DownloadFiles.class);
    /** Long enough for any download to finish. */
    static final Duration KEEP = Duration.ofHours(1);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "hub.data-dir")
    String dataDir;

    Path dir() {
        return Path.of(dataDir, "downloads");
    }

    public Uni<File> write(byte[] content) {
        String path = dir().resolve(UUID.randomUUID() + ".pdf").toString();
        return vertx.fileSystem().mkdirs(dir().toString())
                .flatMap(ignored -> vertx.fileSystem().writeFile(path, Buffer.buffer(content)))
                .replaceWith(() -> new File(path));
    }

    /** Removes download copies older than {@link #KEEP}; blocking, so run off the event loop. */
    public void cleanUp() {
        if (!Files.isDirectory(dir())) {
            return;
        }
        Instant before = Instant.now().minus(KEEP);
        try (Stream<Path> files = Files.list(dir())) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(before);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.warnf("Could not remove the download copy %s: %s", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("Could not clean up %s: %s", dir(), e.getMessage());
        }
    }
}
