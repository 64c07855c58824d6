package org.consortiumhub.adapter.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.consortiumhub.adapter.availability.sru.SruSettings;
import org.consortiumhub.adapter.http.RemoteServer;
import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.file.MarcFilesSettings;
import org.consortiumhub.adapter.source.file.MarcFilesSource;
import org.consortiumhub.adapter.source.oaipmh.OaiPmhSettings;
import org.consortiumhub.adapter.source.oaipmh.OaiPmhSource;
import org.consortiumhub.adapter.sync.SyncEngine;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The adapter's settings beyond the hub connection, read from adapter.properties or the environment
 * ({@code adapter.oai.url} or {@code ADAPTER_OAI_URL}) and checked before any work starts: every problem is named
 * with its setting and environment variable, all at once.
 */
public final class AdapterSettings {

    public static final String SOURCE = "adapter.sync.source";
    static final List<String> KNOWN_PREFIXES = List.of("marc21", "marcxml", "marc", "usmarc", "MARC21");

    private final Function<String, Optional<String>> lookup;
    private final List<String> problems = new ArrayList<>();

    public AdapterSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The settings of the running application. */
    public static AdapterSettings fromConfig() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new AdapterSettings(name -> config.getOptionalValue(name, String.class).map(String::strip)
                .filter(v -> !v.isEmpty()));
    }

    public static String environmentVariable(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String named(String name) {
        return name + " (environment variable " + environmentVariable(name) + ")";
    }

    /** The source the sync reads, as configured. */
    public CatalogSource source() throws SettingsProblem {
        String kind = text(SOURCE, null);
        CatalogSource source = null;
        if (kind == null) {
            problems.add("Missing setting " + named(SOURCE) + ": set it to oai-pmh or files.");
        } else if (kind.equals("oai-pmh")) {
            source = new OaiPmhSource(oaiPmh());
        } else if (kind.equals("files")) {
            source = new MarcFilesSource(files());
        } else {
            problems.add(named(SOURCE) + " is '" + kind + "'; it must be oai-pmh or files.");
        }
        check();
        return source;
    }

    OaiPmhSettings oaiPmh() {
        URI url = url("adapter.oai.url", "the OAI-PMH server's base address, e.g. https://ils.example.org/oai");
        String prefix = text("adapter.oai.metadata-prefix", "marc21");
        if (!KNOWN_PREFIXES.contains(prefix)) {
            problems.add(named("adapter.oai.metadata-prefix") + " is '" + prefix + "'; the adapter harvests MARC "
                    + "records: use marc21 or marcxml (the prefix your server offers MARCXML under).");
        }
        Optional<String> set = Optional.ofNullable(text("adapter.oai.set", null));
        return new OaiPmhSettings(url, prefix, set, retrying("adapter.oai", "60s", 5, "2s", "60s"));
    }

    MarcFilesSettings files() {
        String path = text("adapter.files.path", null);
        if (path == null) {
            problems.add("Missing setting " + named("adapter.files.path") + ": the MARC file or folder to send.");
        }
        String mode = text("adapter.files.mode", "full");
        if (!mode.equals("full") && !mode.equals("incremental")) {
            problems.add(named("adapter.files.mode") + " is '" + mode + "'; it must be full (the files are the whole "
                    + "catalog) or incremental (the files hold changes only).");
        }
        return new MarcFilesSettings(path == null ? Path.of(".") : Path.of(path), mode.equals("full"));
    }

    public SyncEngine.Settings sync() throws SettingsProblem {
        int batchSize = number("adapter.sync.batch-size", 1000, 1, 10_000);
        int concurrency = number("adapter.sync.concurrency", 4, 1, 32);
        Path stateDir = stateDir();
        String compress = text("adapter.sync.compress", "false");
        if (!compress.equals("true") && !compress.equals("false")) {
            problems.add(named("adapter.sync.compress") + " is '" + compress + "'; it must be true or false.");
        }
        check();
        return new SyncEngine.Settings(batchSize, concurrency, stateDir, compress.equals("true"));
    }

    public Path stateDir() {
        return Path.of(text("adapter.sync.state-dir", "adapter-state"));
    }

    /** How patiently the hub is asked: attempts and pauses for a batch, and the time one batch may take. */
    public record HubRetrying(int attempts, Duration firstPause, Duration longestPause, Duration batchTimeout,
            int breakerThreshold, Duration breakerOpenFor) {
    }

    public HubRetrying hubRetrying() throws SettingsProblem {
        HubRetrying r = new HubRetrying(number("adapter.sync.attempts", 5, 1, 100),
                duration("adapter.sync.first-pause", "1s"), duration("adapter.sync.longest-pause", "30s"),
                duration("adapter.sync.batch-timeout", "2m"), number("adapter.sync.breaker-threshold", 5, 1, 1000),
                duration("adapter.sync.breaker-open-for", "60s"));
        check();
        return r;
    }

    public SruSettings sru() throws SettingsProblem {
        URI url = url("adapter.sru.url", "the SRU server's base address, e.g. https://ils.example.org/sru");
        String byId = text("adapter.sru.local-id-query", "rec.id=\"{value}\"");
        String byIsbn = text("adapter.sru.isbn-query", "bath.isbn=\"{value}\"");
        for (String[] q : new String[][] { { "adapter.sru.local-id-query", byId }, { "adapter.sru.isbn-query", byIsbn } }) {
            if (!q[1].contains("{value}")) {
                problems.add(named(q[0]) + " must contain {value} where the id goes, e.g. rec.id=\"{value}\".");
            }
        }
        SruSettings settings = new SruSettings(url, byId, byIsbn, Optional.ofNullable(text("adapter.sru.query-type", null)),
                Optional.ofNullable(text("adapter.sru.record-schema", null)), retrying("adapter.sru", "10s", 2, "500ms", "2s"));
        check();
        return settings;
    }

    /** The cron expression of the long-running mode (Quartz syntax with seconds, e.g. {@code 0 0 2 * * ?}). */
    public String schedule() throws SettingsProblem {
        String cron = text("adapter.sync.schedule", null);
        if (cron == null) {
            problems.add("Missing setting " + named("adapter.sync.schedule") + ": when to sync, as a cron expression "
                    + "with seconds, e.g. '0 0 2 * * ?' for 02:00 every night.");
        } else if (cron.split("\\s+").length < 6) {
            problems.add(named("adapter.sync.schedule") + " is '" + cron + "'; give six or seven fields (seconds "
                    + "first), e.g. '0 0 2 * * ?' for 02:00 every night.");
        }
        check();
        return cron;
    }

    public int servePort() throws SettingsProblem {
        int port = number("adapter.serve.port", 8086, 0, 65535);
        check();
        return port;
    }

    /** The secret the hub presents when it asks for live availability; empty when availability is not served. */
    public Optional<String> serveSecret() {
        return Optional.ofNullable(text("adapter.serve.secret", null));
    }

    private RemoteServer.Retrying retrying(String prefix, String timeout, int attempts, String firstPause,
            String longestPause) {
        return new RemoteServer.Retrying(duration(prefix + ".timeout", timeout), number(prefix + ".attempts", attempts, 1, 100),
                duration(prefix + ".first-pause", firstPause), duration(prefix + ".longest-pause", longestPause));
    }

    private String text(String name, String fallback) {
        return lookup.apply(name).orElse(fallback);
    }

    private URI url(String name, String what) {
        String value = text(name, null);
        if (value == null) {
            problems.add("Missing setting " + named(name) + ": " + what + ".");
            return URI.create("http://localhost");
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (Exception e) {
            problems.add(named(name) + " is not a valid address: '" + value + "'. Give the full address, e.g. "
                    + what.substring(what.indexOf("e.g. ") + 5) + ".");
            return URI.create("http://localhost");
        }
    }

    private int number(String name, int fallback, int min, int max) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(named(name) + " is '" + value + "'; it must be a whole number from " + min + " to " + max + ".");
            return fallback;
        }
    }

    private Duration duration(String name, String fallback) {
        String value = text(name, fallback);
        try {
            Duration d = DurationConverter.parseDuration(value);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            problems.add(named(name) + " is '" + value + "'; give a waiting time such as 500ms, 10s or 2m.");
            return DurationConverter.parseDuration(fallback);
        }
    }

    private void check() throws SettingsProblem {
        if (!problems.isEmpty()) {
            String message = String.join(System.lineSeparator(), problems);
            problems.clear();
            throw new SettingsProblem(message);
        }
    }
}
