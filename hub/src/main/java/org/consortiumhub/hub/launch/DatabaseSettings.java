package org.consortiumhub.hub.launch;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Works out, before the application starts, which database the hub uses: the one named by {@code HUB_DB_URL},
 * the one the Quarkus datasource settings name, or (when neither is set) an embedded one.
 */
record DatabaseSettings(String jdbcUrl, String reactiveUrl, String username, String password) {

    /** The external database configured in the environment or system properties, if any. */
    static Optional<DatabaseSettings> external(Map<String, String> env, Map<String, String> props) {
        String hubUrl = first(props.get("hub.db.url"), env.get("HUB_DB_URL"));
        if (hubUrl != null) {
            return Optional.of(fromHubUrl(hubUrl, first(props.get("hub.db.user"), env.get("HUB_DB_USER")),
                    first(props.get("hub.db.password"), env.get("HUB_DB_PASSWORD"))));
        }
        boolean quarkusConfigured = first(props.get("quarkus.datasource.jdbc.url"), env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                props.get("quarkus.datasource.reactive.url"), env.get("QUARKUS_DATASOURCE_REACTIVE_URL")) != null;
        return quarkusConfigured ? Optional.of(new DatabaseSettings(null, null, null, null)) : Optional.empty();
    }

    /**
     * Accepts {@code postgresql://[user[:password]@]host[:port]/database}, or the same with a {@code jdbc:} in
     * front; user and password may also come separately.
     */
    static DatabaseSettings fromHubUrl(String url, String user, String password) {
        String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = URI.create(plain.startsWith("postgres://") ? "postgresql://" + plain.substring(11) : plain);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HUB_DB_URL is not a URL: " + e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("HUB_DB_URL must look like postgresql://host:5432/database (got '" + url + "')");
        }
        String u = user;
        String p = password;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            u = u != null ? u : parts[0];
            p = p != null ? p : parts.length > 1 ? parts[1] : null;
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new DatabaseSettings("jdbc:postgresql://" + hostPort + rest, "postgresql://" + hostPort + rest, u, p);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
