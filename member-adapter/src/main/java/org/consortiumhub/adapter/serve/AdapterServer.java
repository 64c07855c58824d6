package org.consortiumhub.adapter.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.consortiumhub.adapter.availability.AvailabilityException;
import org.consortiumhub.adapter.availability.AvailabilityLookup;
import org.consortiumhub.adapter.availability.ItemAvailability;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The adapter's HTTP side in the long-running mode: {@code GET /health} for monitoring, and {@code GET /availability}
 * (the contract in {@code api-spec/openapi/availability-api.yaml}) through which the hub asks for live item
 * availability while it builds a loan rota. Only the hub, presenting the shared secret, may ask for availability.
 */
public final class AdapterServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdapterServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool;
    private final String memberCode;
    private final Optional<AvailabilityLookup> availability;
    private final byte[] secret;
    private final Supplier<Health> health;
    private final Clock clock;

    /** What {@code /health} reports. */
    public record Health(boolean up, Map<String, Object> details) {
    }

    public AdapterServer(int port, String memberCode, Optional<AvailabilityLookup> availability, Optional<String> secret,
            Supplier<Health> health, Clock clock) throws IOException {
        this.memberCode = memberCode;
        this.availability = availability;
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.health = health;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        this.pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        server.createContext("/health", this::health);
        server.createContext("/availability", this::availability);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            Health now = health.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", now.up() ? "UP" : "DOWN");
            body.putAll(now.details());
            send(exchange, now.up() ? 200 : 503, "application/json", JSON.writeValueAsBytes(body));
        }
    }

    private void availability(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                problem(exchange, 405, "Method Not Allowed", "Ask for availability with GET.");
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                problem(exchange, 401, "Unauthenticated",
                        "Present the shared secret configured on the adapter as 'Authorization: Bearer <secret>'.");
                return;
            }
            if (availability.isEmpty()) {
                problem(exchange, 503, "Not Configured",
                        "This adapter has no SRU server configured (adapter.sru.url), so it cannot report availability.");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String localId = query.get("localId");
            String isbn = query.get("isbn");
            if ((localId == null) == (isbn == null)) {
                problem(exchange, 400, "Bad Request", "Give exactly one of localId or isbn.");
                return;
            }
            try {
                List<ItemAvailability> items = localId != null ? availability.get().byLocalId(localId)
                        : availability.get().byIsbn(isbn);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("memberCode", memberCode);
                body.put("checkedAt", Instant.now(clock).toString());
                body.put("items", items.stream().map(AdapterServer::item).toList());
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
            } catch (AvailabilityException e) {
                if (e.notFound()) {
                    problem(exchange, 404, "Not Found", e.getMessage());
                } else {
                    LOG.warn(e.getMessage());
                    problem(exchange, 502, "Bad Gateway", e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem(exchange, 503, "Shutting Down", "The adapter is stopping.");
            }
        }
    }

    private static Map<String, Object> item(ItemAvailability i) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("localId", i.localId());
        item.put("barcode", i.barcode());
        item.put("location", i.location());
        item.put("callNumber", i.callNumber());
        item.put("status", i.status().name());
        item.put("dueDate", i.dueDate() == null ? null : i.dueDate().toString());
        return item;
    }

    /** Compares in constant time, so the secret cannot be guessed from response times. */
    private boolean authorized(String header) {
        if (secret == null || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(secret, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), value);
                }
            }
        }
        return values;
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }
}
