package org.consortiumhub.hub.ill;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.rota.Availability;
import org.consortiumhub.ill.rota.LiveAvailability;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Asks a member's adapter for live availability: {@code GET {url}/availability?localId=…} with the member's secret
 * as bearer token, answered with {@code {"memberCode", "checkedAt", "items": [{"localId", "barcode", "location",
 * "callNumber", "status", "dueDate"}]}}. Any failure (no answer in time, refused, a body of another shape) becomes
 * "unreachable" with the reason, and the rota goes on without it.
 */
@ApplicationScoped
public class AdapterAvailability implements LiveAvailability {

    private static final List<String> STATUSES = List.of("AVAILABLE", "CHECKED_OUT", "IN_TRANSIT", "ON_HOLD",
            "NOT_REQUESTABLE", "UNKNOWN");

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "ill.availability.timeout", defaultValue = "3s")
    Duration timeout;

    private volatile HttpClient client;

    @Override
    public Uni<Availability> check(String memberCode, String url, String secret, List<String> localIds) {
        List<Uni<List<Availability.Item>>> calls = new ArrayList<>();
        for (String localId : localIds) {
            calls.add(ask(url, secret, localId));
        }
        return Uni.join().all(calls).andFailFast()
                .map(lists -> Availability.checked(lists.stream().flatMap(List::stream).toList()))
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure().recoverWithItem(e -> Availability.unreachable(memberCode + "'s adapter at " + url + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    }

    private Uni<List<Availability.Item>> ask(String url, String secret, String localId) {
        URI uri = URI.create(url.replaceAll("/+$", "") + "/availability?localId="
                + URLEncoder.encode(localId, StandardCharsets.UTF_8));
        boolean tls = "https".equals(uri.getScheme());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80).setSsl(tls)
                .setURI(uri.getRawPath() + "?" + uri.getRawQuery())
                .putHeader("Accept", "application/json");
        if (secret != null) {
            options.putHeader("Authorization", "Bearer " + secret);
        }
        return http().request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return items(body.toString());
                }));
    }

    /** The items of an answer, read strictly: an answer of another shape is a failure, not an empty shelf. */
    static List<Availability.Item> items(String body) {
        JsonObject answer;
        try {
            answer = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the answer is not a JSON object");
        }
        Object items = answer.getValue("items");
        if (!(items instanceof JsonArray array)) {
            throw new IllegalStateException("the answer has no items array");
        }
        List<Availability.Item> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw new IllegalStateException("items[" + i + "] is not an object");
            }
            String status = item.getValue("status") instanceof String s ? s : null;
            if (status == null || !STATUSES.contains(status)) {
                throw new IllegalStateException("items[" + i + "].status '" + status + "' is not one of " + STATUSES);
            }
            list.add(new Availability.Item(str(item, "localId"), str(item, "barcode"), status, str(item, "dueDate")));
        }
        return list;
    }

    private static String str(JsonObject o, String key) {
        return o.getValue(key) instanceof String s ? s : null;
    }

    private HttpClient http() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                            .setConnectTimeout((int) timeout.toMillis()).setIdleTimeout((int) timeout.toSeconds() + 1));
                }
            }
        }
        return client;
    }
}
