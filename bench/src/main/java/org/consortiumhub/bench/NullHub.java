package org.consortiumhub.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in hub that accepts every batch and stores nothing: it answers the adapter's identity check and reports
 * each batch's records as unchanged, so the adapter's own rate (read, encode, send over HTTP) is measured without the
 * hub's ingest in the way. Usage: {@code NullHub port=8098}.
 */
public final class NullHub {

    private NullHub() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(AdapterBenchmarkFile.arg(args, "port", "8098"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/me", exchange -> answer(exchange,
                "{\"kind\":\"ADAPTER\",\"memberCode\":\"ZZ-NULL\",\"apiKeyId\":\"null-hub\"}"));
        server.createContext("/api/v1/catalog/records", exchange -> {
            long records = 0;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] buffer = new byte[1 << 16];
                for (int n = body.read(buffer); n > 0; n = body.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        records += buffer[i] == 0x1D ? 1 : 0;
                    }
                }
            }
            answer(exchange, "{\"memberCode\":\"ZZ-NULL\",\"received\":" + records + ",\"created\":0,\"updated\":0,"
                    + "\"unchanged\":" + records + ",\"deleted\":0,\"rejected\":0,\"records\":[]}");
        });
        server.start();
        System.out.println("NULL HUB listening on http://127.0.0.1:" + port);
    }

    private static void answer(HttpExchange exchange, String json) throws java.io.IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
