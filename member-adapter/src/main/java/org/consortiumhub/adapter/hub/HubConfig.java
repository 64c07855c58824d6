package org.consortiumhub.adapter.hub;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The adapter's {@code adapter.hub.*} settings, from adapter.properties, application.properties or environment
 * variables ({@code ADAPTER_HUB_URL}, ...). Kept as raw text so that a missing or mistyped value becomes a clear
 * message from {@link HubSettings} instead of a failed start-up.
 */
@ConfigMapping(prefix = "adapter.hub")
public interface HubConfig {

    /** The hub's base address, e.g. {@code https://hub.example.org}. */
    Optional<String> url();

    /** The API key the hub admin issued for this library's adapter. */
    Optional<String> apiKey();

    /** How long to wait for the hub to answer one call. */
    @WithDefault("10s")
    String timeout();
}
