package org.consortiumhub.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.consortiumhub.adapter.hub.HubConnectionException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a librarian is told about the adapter.hub.* settings before any call to the hub. */
class HubSettingsTest {

    private record Configured(Optional<String> url, Optional<String> apiKey, String timeout) implements HubConfig {
    }

    /** Settings as a library would write them; null for one it left out. */
    private static HubConfig configured(String url, String apiKey, String timeout) {
        return new Configured(Optional.ofNullable(url), Optional.ofNullable(apiKey), timeout);
    }

    @Test
    void takesTheConfiguredValues() throws Exception {
        HubSettings settings = HubSettings.from(configured(" https://hub.example.org ", " key-1 ", "2m"));

        assertEquals(URI.create("https://hub.example.org"), settings.hubUrl());
        assertEquals("key-1", settings.apiKey());
        assertEquals(Duration.ofMinutes(2), settings.timeout());
    }

    @Test
    void namesEveryMissingSettingWithItsEnvironmentVariable() {
        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> HubSettings.from(configured(null, null, "10s")));

        assertEquals(Reason.SETTINGS_INVALID, failure.reason());
        assertEquals("Missing settings adapter.hub.url (environment variable ADAPTER_HUB_URL) and adapter.hub.api-key "
                + "(environment variable ADAPTER_HUB_API_KEY): set them in adapter.properties or as environment "
                + "variables.", failure.getMessage());
    }

    @Test
    void namesOnlyTheSettingThatIsMissing() {
        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> HubSettings.from(configured("https://hub.example.org", null, "10s")));

        assertTrue(failure.getMessage().contains("ADAPTER_HUB_API_KEY"), failure.getMessage());
        assertFalse(failure.getMessage().contains("ADAPTER_HUB_URL"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "hub.example.org", "ftp://hub.example.org", "http://", "https://hub example.org", "::" })
    void rejectsAnAddressThatCannotReachAHub(String url) {
        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> HubSettings.from(configured(url, "key-1", "10s")));

        assertEquals(Reason.SETTINGS_INVALID, failure.reason());
        assertEquals("adapter.hub.url (environment variable ADAPTER_HUB_URL) is not a valid hub address: '" + url
                + "'. Give the full address, e.g. https://hub.example.org", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ten seconds", "0s", "-5s" })
    void rejectsATimeoutThatIsNotAWaitingTime(String timeout) {
        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> HubSettings.from(configured("https://hub.example.org", "key-1", timeout)));

        assertEquals(Reason.SETTINGS_INVALID, failure.reason());
        assertTrue(failure.getMessage().startsWith("adapter.hub.timeout (environment variable ADAPTER_HUB_TIMEOUT) "
                + "is not a usable waiting time: '" + timeout + "'"), failure.getMessage());
    }

    @Test
    void neverPrintsTheApiKey() {
        HubSettings settings = new HubSettings(URI.create("https://hub.example.org"), "secret-key", Duration.ofSeconds(1));

        assertFalse(settings.toString().contains("secret-key"));
    }
}
