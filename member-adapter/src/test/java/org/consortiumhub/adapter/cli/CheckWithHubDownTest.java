package org.consortiumhub.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The adapter started as a librarian starts it, pointed at an address where nothing listens. */
@QuarkusMainTest
@TestProfile(CheckWithHubDownTest.NothingListening.class)
class CheckWithHubDownTest {

    @Test
    @Launch(value = "check", exitCode = 3)
    void saysTheHubCannotBeReachedInOneLine(LaunchResult result) {
        String message = result.getErrorOutput();
        assertTrue(message.matches("Cannot reach the hub at http://localhost:\\d+: Connection refused"), message);
        assertEquals("", result.getOutput());
    }

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("adapter.hub.url", "http://localhost:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
