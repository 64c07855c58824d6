package org.consortiumhub.adapter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.consortiumhub.adapter.checkpoint.CheckpointException;
import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.config.AdapterSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: what the adapter's checkpoints say, without asking anyone. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show where syncing stands: the source, whether a sync was interrupted, the last sync's "
                + "summary or problem, and how many records the hub holds from this adapter.")
public class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AdapterSettings settings = AdapterSettings.fromConfig();
        if (!Files.exists(settings.stateDir().resolve("checkpoints.mv"))) {
            out.println("No sync has run yet from " + settings.stateDir().toAbsolutePath()
                    + " (adapter.sync.state-dir). Run 'sync' for the first, full sync.");
            return 0;
        }
        try (CheckpointStore store = CheckpointStore.open(settings.stateDir())) {
            out.println("Source:              " + store.get("source").orElse("-"));
            out.println("Syncs started:       " + store.get("run").orElse("0"));
            out.println("Interrupted sync:    " + (store.get("running").isPresent()
                    ? "yes; the next sync resumes it" : "no"));
            out.println("Next sync starts at: " + store.get("completed").map(c -> c.replace('\n', ' '))
                    .orElse("the beginning (full)"));
            out.printf(Locale.ROOT, "Records at the hub:  %,d sent by this adapter and not withdrawn%n",
                    store.recordsAtHub());
            store.get("lastProblem").ifPresent(p -> out.println("Last problem:        " + p));
            store.get("lastSummary").ifPresent(s -> {
                out.println("Last complete sync:");
                s.lines().forEach(line -> out.println("  " + line));
            });
            return 0;
        } catch (CheckpointException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return SyncRun.STATE_UNUSABLE;
        }
    }
}
