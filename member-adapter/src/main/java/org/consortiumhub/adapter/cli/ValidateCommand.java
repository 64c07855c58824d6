package org.consortiumhub.adapter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.consortiumhub.adapter.checkpoint.CheckpointException;
import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.config.AdapterSettings;
import org.consortiumhub.adapter.config.SettingsProblem;
import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.adapter.sync.SyncProgress;
import org.consortiumhub.adapter.sync.Validation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code validate}: a dry run of the next sync. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Read the library's records as the next sync would, without sending anything: how many "
                + "records would be sent or withdrawn, and which are malformed and why.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:Every record can be sent.", "1:Some records are malformed (listed).",
                "2:A setting is missing or malformed.", "6:The library system could not be read." })
public class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--show", defaultValue = "50", description = "How many malformed records to list (default 50).")
    int show;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdapterSettings settings = AdapterSettings.fromConfig();
        try {
            CatalogSource source = settings.source();
            CatalogSource.Position position = position(settings, source);
            out.printf("Validating %s (nothing is sent).%n", source.describe());
            Validation.Result result = Validation.of(source, position,
                    new SyncProgress(System.err, System.console() != null, 10));
            out.printf(Locale.ROOT, "Would send %,d records and withdraw %,d; %,d records are malformed.%n",
                    result.upserts(), result.removals(), result.malformed());
            if (result.malformed() > 0) {
                out.println("Malformed records, and why:");
                result.problems().stream().limit(show).forEach(p -> out.println("  " + p));
                if (result.malformed() > show) {
                    out.printf(Locale.ROOT, "  ... and %,d more (--show to list more)%n", result.malformed() - show);
                }
            }
            return result.malformed() > 0 ? 1 : 0;
        } catch (SettingsProblem e) {
            err.println(e.getMessage());
            return SyncRun.SETTINGS;
        } catch (SourceException e) {
            err.println(e.getMessage());
            return SyncRun.SOURCE_FAILED;
        }
    }

    /** Where the next sync would start; a folder that has no checkpoints yet means a first (full) run. */
    private static CatalogSource.Position position(AdapterSettings settings, CatalogSource source) {
        if (!java.nio.file.Files.exists(settings.stateDir().resolve("checkpoints.mv"))) {
            return CatalogSource.Position.FIRST_RUN;
        }
        try (CheckpointStore store = CheckpointStore.open(settings.stateDir())) {
            if (!store.get("source").map(source.identity()::equals).orElse(false)) {
                return CatalogSource.Position.FIRST_RUN;
            }
            return new CatalogSource.Position(store.get("completed").orElse(null), null);
        } catch (CheckpointException e) {
            return CatalogSource.Position.FIRST_RUN;
        }
    }
}
