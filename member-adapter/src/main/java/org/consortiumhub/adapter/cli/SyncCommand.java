package org.consortiumhub.adapter.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.consortiumhub.adapter.config.AdapterSettings;
import org.consortiumhub.adapter.config.SettingsProblem;
import org.consortiumhub.adapter.hub.HubConfig;
import org.consortiumhub.adapter.sync.SyncProgress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sync}: one sync now, from where the last one left off. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Send the library's new, changed and withdrawn records to the hub, resuming an interrupted "
                + "sync where it stopped, and print a summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:The sync finished (the summary lists any record that did not go in).",
                "2:A setting is missing or malformed.",
                "3:The hub cannot be reached.",
                "4:The hub did not accept the API key.",
                "5:The hub answered with an error.",
                "6:The library system (OAI-PMH server or MARC files) could not be read.",
                "7:The adapter's state folder cannot be used." })
public class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    HubConfig hubConfig;

    @Override
    public Integer call() throws InterruptedException {
        AdapterSettings settings = AdapterSettings.fromConfig();
        try {
            SyncProgress progress = new SyncProgress(System.err, System.console() != null, 10);
            return SyncRun.run(hubConfig, settings, SyncRun.breaker(settings), progress, spec.commandLine().getOut(),
                    spec.commandLine().getErr()).exitCode();
        } catch (SettingsProblem e) {
            spec.commandLine().getErr().println(e.getMessage());
            return SyncRun.SETTINGS;
        }
    }
}
