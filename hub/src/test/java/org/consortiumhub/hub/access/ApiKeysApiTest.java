package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.createApiKey;
import static org.consortiumhub.hub.support.Hub.createMember;
import static org.consortiumhub.hub.support.Hub.keyIdOf;
import static org.consortiumhub.hub.support.Hub.memberBody;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ApiKeysApiTest {

    @Inject
    Pool pool;

    @Test
    void anIssuedKeyActsForItsMemberAndItsUseIsRecorded() {
        String code = createMember();
        var issued = asAdmin().body(Map.of("label", "Koha server adapter")).post("/api/v1/members/{c}/api-keys", code)
                .then().statusCode(201)
                .body("memberCode", equalTo(code))
                .body("label", equalTo("Koha server adapter"))
                .body("active", equalTo(true))
                .body("secret", startsWith("chk_"))
                .extract();
        String key = issued.path("secret");
        String id = issued.path("id");

        asAdmin().get("/api/v1/members/{c}/api-keys", code).then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.lastUsedAt", nullValue());
        withKey(key).get("/api/v1/me").then().statusCode(200)
                .body("kind", equalTo("ADAPTER"))
                .body("memberCode", equalTo(code))
                .body("apiKeyId", equalTo(id));
        asAdmin().get("/api/v1/members/{c}/api-keys", code).then()
                .body("find { it.id == '" + id + "' }.lastUsedAt", notNullValue())
                // The secret is shown once, at creation, and never listed.
                .body("find { it.id == '" + id + "' }.secret", nullValue());
    }

    @Test
    void onlyAHashOfTheSecretIsStored() {
        String key = createApiKey(createMember());
        String stored = pool.preparedQuery("select secret_hash from adapter_api_key where id = $1")
                .execute(Tuple.of(keyIdOf(key))).await().indefinitely().iterator().next().getString(0);
        String secret = key.substring(key.indexOf('.') + 1);
        assertFalse(stored.contains(secret));
        assertEquals(ApiKeySecret.hashOf(secret), stored);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String code = createMember();
        String key = createApiKey(code);
        withKey(key).get("/api/v1/members/{c}", code).then().statusCode(200);

        asAdmin().delete("/api/v1/members/{c}/api-keys/{id}", code, keyIdOf(key)).then().statusCode(204);
        withKey(key).get("/api/v1/members/{c}", code).then().statusCode(401).contentType("application/problem+json");
        withKey(key).get("/api/v1/me").then().statusCode(401);
        asAdmin().get("/api/v1/members/{c}/api-keys", code).then()
                .body("find { it.id == '" + keyIdOf(key) + "' }.active", equalTo(false))
                .body("find { it.id == '" + keyIdOf(key) + "' }.revokedAt", notNullValue());
        // Revoking again changes nothing.
        asAdmin().delete("/api/v1/members/{c}/api-keys/{id}", code, keyIdOf(key)).then().statusCode(204);
    }

    @Test
    void revokingAKeyOfAnotherMemberOrAnUnknownKeyIsNotFound() {
        String code = createMember();
        String otherKey = createApiKey(createMember());
        asAdmin().delete("/api/v1/members/{c}/api-keys/{id}", code, keyIdOf(otherKey)).then().statusCode(404);
        asAdmin().delete("/api/v1/members/{c}/api-keys/{id}", code, "nosuchkey").then().statusCode(404);
        withKey(otherKey).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void theKeysOfAnInactiveMemberStopWorking() {
        String code = createMember();
        String key = createApiKey(code);
        Map<String, Object> inactive = new HashMap<>(memberBody(code, "Library " + code));
        inactive.remove("code");
        inactive.put("active", false);
        asAdmin().body(inactive).put("/api/v1/members/{c}", code).then().statusCode(200);
        withKey(key).get("/api/v1/me").then().statusCode(401);
        asAdmin().body(Map.of("label", "another")).post("/api/v1/members/{c}/api-keys", code).then().statusCode(409);
    }

    @Test
    void malformedAndForgedKeysAreRefused() {
        String key = createApiKey(createMember());
        withKey("not-a-key").get("/api/v1/me").then().statusCode(401);
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        withKey(forged).get("/api/v1/me").then().statusCode(401);
        asAdmin().body(Map.of("label", " ")).post("/api/v1/members/{c}/api-keys", createMember())
                .then().statusCode(400).body("errors[0].field", equalTo("label"));
        asAdmin().get("/api/v1/members/{c}/api-keys", "ZZ-NOSUCH").then().statusCode(404);
        asAdmin().get("/api/v1/users").then().body("username", not(hasItem("adapter")));
    }
}
