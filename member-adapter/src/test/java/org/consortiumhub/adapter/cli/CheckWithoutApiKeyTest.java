package org.consortiumhub.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The adapter started as a librarian starts it, before its API key has been set. */
@QuarkusMainTest
@TestProfile(CheckWithoutApiKeyTest.NoApiKey.class)
class CheckWithoutApiKeyTest {

    @Test
    @Launch(value = "check", exitCode = 2)
    void namesTheMissingSettingAndItsEnvironmentVariable(LaunchResult result) {
        assertEquals("Missing setting adapter.hub.api-key (environment variable ADAPTER_HUB_API_KEY): "
                + "set it in adapter.properties or as an environment variable.", result.getErrorOutput());
        assertEquals("", result.getOutput());
    }

    public static class NoApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // An empty value is how MicroProfile Config spells "not set".
            return Map.of("adapter.hub.api-key", "");
        }
    }
}
