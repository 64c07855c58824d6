package org.consortiumhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.consortiumhub.api.client.AccessApi;
import org.consortiumhub.api.client.MembersApi;
import org.consortiumhub.api.client.model.Caller;
import org.consortiumhub.api.client.model.CallerKind;
import org.consortiumhub.api.client.model.Member;
import org.consortiumhub.api.client.model.NewMember;
import org.consortiumhub.api.client.model.ShippingAddress;
import org.consortiumhub.hub.support.Hub;
import org.junit.jupiter.api.Test;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The client generated for adapters from the same contract talks to the hub as the hub implements it. */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI hub;

    @Test
    void theGeneratedClientCreatesAndReadsThroughTheContract() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (Hub.ADMIN + ":" + Hub.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        MembersApi members = client(MembersApi.class, basic);
        String code = Hub.newCode();
        Member created = members.createMember(new NewMember().code(code).name("Client Library")
                .contactEmail("desk@example.org").fte(new BigDecimal("12.5"))
                .shippingAddress(new ShippingAddress().line1("1 Road").locality("Town").postalCode("12345").country("GB")))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(code, created.getCode());
        assertEquals(0, new BigDecimal("12.5").compareTo(created.getFte()));

        String key = Hub.createApiKey(code);
        Caller me = client(AccessApi.class, "Bearer " + key).getCaller().await().atMost(Duration.ofSeconds(10));
        assertEquals(CallerKind.ADAPTER, me.getKind());
        assertEquals(code, me.getMemberCode());

        MembersApi asAdapter = client(MembersApi.class, "Bearer " + key);
        Exception refused = assertThrows(Exception.class,
                () -> asAdapter.getMember("ZZ-OTHER").await().atMost(Duration.ofSeconds(10)));
        assertEquals(403, statusOf(refused));
    }

    private <T> T client(Class<T> api, String authorization) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(hub)
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle("Authorization", authorization))
                .build(api);
    }

    private static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.consortiumhub.api.client.ApiException api) {
                return api.getResponse().getStatus();
            }
            if (t instanceof jakarta.ws.rs.WebApplicationException web) {
                return web.getResponse().getStatus();
            }
        }
        throw new AssertionError("no HTTP status in " + failure);
    }
}
