package org.consortiumhub.hub.launch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the hub. With no database configured it first starts an embedded PostgreSQL in the data directory
 * and loads the demo consortium on first start; it stops that database cleanly after the hub has stopped.
 *
 * <p>Options: {@code --no-demo} (same as {@code HUB_DEMO=false}), {@code --help}.
 */
@QuarkusMain
public class HubMain {

    public static void main(String... args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("""
                    Usage: java -jar hub/target/quarkus-app/quarkus-run.jar [--no-demo]

                      --no-demo   do not load the demo consortium (same as HUB_DEMO=false)

                    With no database configured the hub runs an embedded PostgreSQL in HUB_DATA_DIR
                    (default ./hub-data). Set HUB_DB_URL=postgresql://host:5432/db (with HUB_DB_USER and
                    HUB_DB_PASSWORD) to use an external PostgreSQL instead. See README.md for every setting.""");
            return;
        }
        Map<String, String> env = System.getenv();
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        if (Arrays.asList(args).contains("--no-demo")) {
            System.setProperty("hub.demo", "false");
        }

        Optional<DatabaseSettings> external;
        try {
            external = DatabaseSettings.external(env, props);
        } catch (IllegalArgumentException e) {
            System.err.println("consortium-hub cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (external.isPresent()) {
            DatabaseSettings db = external.get();
            if (db.jdbcUrl() != null) {
                useDatabase(db.jdbcUrl(), db.reactiveUrl(), db.username(), db.password());
            }
            Quarkus.run(args);
            return;
        }

        Path dataDir = Path.of(setting("hub.data-dir", "HUB_DATA_DIR", "hub-data")).toAbsolutePath().normalize();
        int port = Integer.parseInt(setting("hub.embedded-db.port", "HUB_EMBEDDED_DB_PORT", "0"));
        System.out.println("consortium-hub: starting the embedded PostgreSQL; its data directory is " + dataDir.resolve("postgres"));
        int[] exitCode = {0};
        Thread launcher = Thread.currentThread();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), port)) {
            // On Ctrl-C or SIGTERM the JVM ends when its shutdown hooks end: this one keeps it alive until
            // the launcher has stopped the database.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    launcher.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "embedded-database-stop"));
            useDatabase(db.jdbcUrl(), db.reactiveUrl(), EmbeddedDatabase.USER, null);
            System.setProperty("hub.data-dir", dataDir.toString());
            if (setting("hub.demo", "HUB_DEMO", null) == null) {
                System.setProperty("hub.demo", "true");
            }
            // Quarkus's own exit handler would call System.exit before the database is stopped; this one
            // lets run() return (on Ctrl-C or SIGTERM too: Quarkus's shutdown hook waits for this thread).
            Quarkus.run(null, (code, cause) -> {
                exitCode[0] = code;
                if (cause != null) {
                    // the handler replaces Quarkus's own, which would have reported why the start failed
                    System.err.println("consortium-hub: the hub could not start: " + cause);
                    cause.printStackTrace();
                }
            }, args);
            System.out.println("consortium-hub: stopping the embedded PostgreSQL");
        }
        System.out.println("consortium-hub: embedded PostgreSQL stopped cleanly");
        if (exitCode[0] != 0) {
            System.out.flush();
            System.err.flush();
            // halt, not exit: when the JVM is already shutting down, exit would wait for this thread forever.
            Runtime.getRuntime().halt(exitCode[0]);
        }
    }

    private static void useDatabase(String jdbcUrl, String reactiveUrl, String user, String password) {
        System.setProperty("quarkus.datasource.jdbc.url", jdbcUrl);
        System.setProperty("quarkus.datasource.reactive.url", reactiveUrl);
        if (user != null) {
            System.setProperty("quarkus.datasource.username", user);
        }
        if (password != null) {
            System.setProperty("quarkus.datasource.password", password);
        }
    }

    private static String setting(String property, String envName, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
