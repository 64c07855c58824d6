package org.consortiumhub.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.consortiumhub.hub.launch.EmbeddedDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test run its own fresh database on a real PostgreSQL server and drops it afterwards, so runs never
 * see each other's data. The server is the local one (127.0.0.1:5432, user postgres, trust auth, or what
 * {@code hub.test.db.host/port/user} say); on a machine without one, the tests start the hub's embedded
 * PostgreSQL instead and say so.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;
    private String host;
    private String port;
    private String user;
    private EmbeddedDatabase embedded;
    private Path embeddedDir;

    @Override
    public Map<String, String> start() {
        host = System.getProperty("hub.test.db.host", "127.0.0.1");
        port = System.getProperty("hub.test.db.port", "5432");
        user = System.getProperty("hub.test.db.user", "postgres");
        if (!reachable()) {
            startEmbedded();
        }
        name = "hub_test_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1000, 9999);
        execute("create database " + name);
        String hostPort = host + ":" + port;
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + name,
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + name,
                "quarkus.datasource.username", user);
    }

    @Override
    public void stop() {
        try {
            if (name != null) {
                execute("drop database if exists " + name + " with (force)");
            }
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                    try (var files = Files.walk(embeddedDir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("the embedded test database did not stop", e);
                }
            }
        }
    }

    private boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(adminUrl(), user, null)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void startEmbedded() {
        try {
            embeddedDir = Files.createTempDirectory("hub-test-postgres");
            System.out.println("No PostgreSQL server at " + host + ":" + port + "; the tests use an embedded one in " + embeddedDir);
            embedded = EmbeddedDatabase.start(embeddedDir, 0);
            host = "127.0.0.1";
            port = String.valueOf(embedded.port());
            user = "postgres";
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL server at " + host + ":" + port
                    + " and the embedded one did not start", e);
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl(), user, null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The tests could not run '" + sql + "' on " + adminUrl() + ": " + e.getMessage(), e);
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }
}
