package org.consortiumhub.adapter.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.consortiumhub.adapter.hub.AdapterIdentity;
import org.consortiumhub.adapter.hub.HubConfig;
import org.consortiumhub.adapter.hub.HubConnection;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.hub.HubSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code check}: proves the adapter's settings work before it is trusted with the library's catalog. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connect to the hub with this library's API key and show which member library "
                + "the hub says this adapter acts for.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Connected; the key is an adapter key of a member library.",
                "2:A setting is missing or malformed.",
                "3:The hub cannot be reached (address, network, or the hub is down).",
                "4:The hub did not accept the key, or it is not an adapter key.",
                "5:The hub answered with an error." })
public class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    HubConfig config;

    @Override
    public Integer call() {
        try {
            HubSettings settings = HubSettings.from(config);
            try (HubConnection hub = new HubConnection(settings)) {
                AdapterIdentity adapter = hub.identify();
                spec.commandLine().getOut().printf(
                        "Connected to the hub at %s: this adapter acts for member %s (API key %s).%n",
                        settings.hubUrl(), adapter.memberCode(), adapter.apiKeyId());
            }
            return 0;
        } catch (HubConnectionException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return exitCode(e.reason());
        }
    }

    /** Distinct codes let a scheduler or monitoring script tell a settings mistake from an outage. */
    private static int exitCode(HubConnectionException.Reason reason) {
        return switch (reason) {
            case SETTINGS_INVALID -> 2;
            case HUB_UNREACHABLE -> 3;
            case KEY_NOT_ACCEPTED -> 4;
            case HUB_ERROR -> 5;
        };
    }
}
