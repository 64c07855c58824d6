package org.consortiumhub.hub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test run its own fresh database on the local PostgreSQL server (127.0.0.1:5432 unless
 * {@code hub.test.db.host/port/user} say otherwise) and drops it afterwards, so runs never see each other's data.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    @Override
    public Map<String, String> start() {
        name = "hub_test_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1000, 9999);
        execute("create database " + name);
        String hostPort = host() + ":" + port();
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + name,
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + name,
                "quarkus.datasource.username", user());
    }

    @Override
    public void stop() {
        if (name != null) {
            execute("drop database if exists " + name + " with (force)");
        }
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user(), null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The tests need a PostgreSQL server at " + url + " (user " + user()
                    + ", trust auth); start it (see README) or set -Dhub.test.db.host/port/user. " + e.getMessage(), e);
        }
    }

    private static String host() {
        return System.getProperty("hub.test.db.host", "127.0.0.1");
    }

    private static String port() {
        return System.getProperty("hub.test.db.port", "5432");
    }

    private static String user() {
        return System.getProperty("hub.test.db.user", "postgres");
    }
}
