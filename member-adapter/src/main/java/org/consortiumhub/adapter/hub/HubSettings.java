package org.consortiumhub.adapter.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.consortiumhub.adapter.hub.HubConnectionException.Reason;

import io.quarkus.runtime.configuration.DurationConverter;

/** Validated settings for talking to the hub: where it is, the key to show it, and how long to wait for it. */
public record HubSettings(URI hubUrl, String apiKey, Duration timeout) {

    static final String URL = "adapter.hub.url";
    static final String API_KEY = "adapter.hub.api-key";
    static final String TIMEOUT = "adapter.hub.timeout";

    /** Checks the configured values, naming each missing setting (or the first malformed one) as a librarian sets it. */
    public static HubSettings from(HubConfig config) throws HubConnectionException {
        List<String> missing = new ArrayList<>();
        if (config.url().isEmpty()) {
            missing.add(describe(URL));
        }
        if (config.apiKey().isEmpty()) {
            missing.add(describe(API_KEY));
        }
        if (!missing.isEmpty()) {
            String message = missing.size() == 1
                    ? "Missing setting " + missing.get(0)
                            + ": set it in adapter.properties or as an environment variable."
                    : "Missing settings " + String.join(" and ", missing)
                            + ": set them in adapter.properties or as environment variables.";
            throw new HubConnectionException(Reason.SETTINGS_INVALID, message);
        }
        return new HubSettings(hubUrl(config.url().get()), config.apiKey().get().strip(), timeout(config.timeout()));
    }

    private static URI hubUrl(String value) throws HubConnectionException {
        try {
            URI url = new URI(value.strip());
            // Only an absolute http(s) address with a host name can reach the hub; "hub.example.org" alone cannot.
            if (url.getScheme() != null && url.getScheme().matches("(?i)https?") && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Falls through to the same message as any other unusable address.
        }
        throw new HubConnectionException(Reason.SETTINGS_INVALID,
                describe(URL) + " is not a valid hub address: '" + value
                        + "'. Give the full address, e.g. https://hub.example.org");
    }

    private static Duration timeout(String value) throws HubConnectionException {
        try {
            Duration timeout = DurationConverter.parseDuration(value.strip());
            if (timeout != null && !timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the same message as a zero or negative duration.
        }
        throw new HubConnectionException(Reason.SETTINGS_INVALID,
                describe(TIMEOUT) + " is not a usable waiting time: '" + value + "'. Give e.g. 10s, 2m or PT30S.");
    }

    /** A setting's name together with the environment variable that sets it. */
    static String describe(String setting) {
        return setting + " (environment variable " + setting.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_") + ")";
    }

    @Override
    public String toString() {
        // Never let the API key reach a log or a message.
        return "HubSettings[hubUrl=" + hubUrl + ", timeout=" + timeout + "]";
    }
}
