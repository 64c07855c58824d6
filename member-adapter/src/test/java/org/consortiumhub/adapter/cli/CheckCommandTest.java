package org.consortiumhub.adapter.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/** {@code member-adapter check} against WireMock playing the hub: what the librarian reads, and the exit code. */
@QuarkusTest
@ConnectWireMock
class CheckCommandTest {

    WireMock wiremock;

    @Inject
    PicocliCommandLineFactory commandLines;

    @ConfigProperty(name = "adapter.hub.url")
    String hubUrl;

    @ConfigProperty(name = "adapter.hub.api-key")
    String apiKey;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void freshHub() {
        wiremock.resetMappings();
        wiremock.resetRequests();
    }

    @Test
    void reportsWhichMemberTheAdapterActsFor() {
        hubAnswersMe(okJson("{\"kind\":\"ADAPTER\",\"memberCode\":\"US-RVC\",\"apiKeyId\":\"key-0042\"}"));

        int exitCode = run("check");

        assertEquals(0, exitCode, err.toString());
        assertEquals("Connected to the hub at " + hubUrl + ": this adapter acts for member US-RVC (API key key-0042)."
                + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());
        wiremock.verifyThat(1, getRequestedFor(urlEqualTo("/api/v1/me"))
                .withHeader("Authorization", equalTo("Bearer " + apiKey)));
    }

    @Test
    void aRejectedKeyExitsWith4() {
        hubAnswersMe(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthenticated\",\"status\":401,\"detail\":\"The API key is unknown or revoked.\"}"));

        int exitCode = run("check");

        assertEquals(4, exitCode);
        assertEquals("", out.toString());
        assertEquals("The hub did not accept the API key (401): check adapter.hub.api-key, "
                + "or ask the hub admin whether it was revoked." + System.lineSeparator(), err.toString());
    }

    @Test
    void staffCredentialsExitWith4() {
        hubAnswersMe(okJson("{\"kind\":\"USER\",\"username\":\"jdoe\",\"role\":\"ADMIN\"}"));

        int exitCode = run("check");

        assertEquals(4, exitCode);
        assertTrue(err.toString().contains("not as a member adapter"), err.toString());
    }

    @Test
    void aHubErrorExitsWith5AndShowsTheHubsExplanation() {
        hubAnswersMe(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"The hub is starting; try again in a minute.\"}"));

        int exitCode = run("check");

        assertEquals(5, exitCode);
        assertEquals("The hub at " + hubUrl + " answered with an error (HTTP 503): "
                + "The hub is starting; try again in a minute." + System.lineSeparator(), err.toString());
    }

    @Test
    void withoutACommandShowsUsageAndExitsWith2() {
        int exitCode = run();

        assertEquals(2, exitCode);
        assertTrue(err.toString().contains("Name a command to run, e.g. 'check'."), err.toString());
        assertTrue(err.toString().contains("check"), err.toString());
        wiremock.verifyThat(0, getRequestedFor(urlEqualTo("/api/v1/me")));
    }

    private int run(String... args) {
        CommandLine adapter = commandLines.create();
        adapter.setOut(new PrintWriter(out, true));
        adapter.setErr(new PrintWriter(err, true));
        return adapter.execute(args);
    }

    private void hubAnswersMe(ResponseDefinitionBuilder answer) {
        wiremock.register(get("/api/v1/me").willReturn(answer));
    }
}
