package org.consortiumhub.adapter.cli;

import java.io.PrintWriter;
import java.time.Clock;

import org.consortiumhub.adapter.checkpoint.CheckpointException;
import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.config.AdapterSettings;
import org.consortiumhub.adapter.config.SettingsProblem;
import org.consortiumhub.adapter.hub.AdapterIdentity;
import org.consortiumhub.adapter.hub.HubConfig;
import org.consortiumhub.adapter.hub.HubConnection;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.hub.HubSettings;
import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.adapter.sync.CircuitBreaker;
import org.consortiumhub.adapter.sync.HubPusher;
import org.consortiumhub.adapter.sync.SyncEngine;
import org.consortiumhub.adapter.sync.SyncProgress;
import org.consortiumhub.adapter.sync.SyncSummary;

/**
 * One sync from the settings to the summary, shared by {@code sync} and the scheduled runs of {@code serve}: checks
 * the settings and the API key first, so a librarian learns of a typo before anything is read.
 */
final class SyncRun {

    /** Exit codes, the same for every command, so a scheduler can tell a settings mistake from an outage. */
    static final int OK = 0;
    static final int SETTINGS = 2;
    static final int HUB_UNREACHABLE = 3;
    static final int KEY_NOT_ACCEPTED = 4;
    static final int HUB_ERROR = 5;
    static final int SOURCE_FAILED = 6;
    static final int STATE_UNUSABLE = 7;

    private SyncRun() {
    }

    /** The outcome of one run: its exit code and, when it got that far, its summary. */
    record Outcome(int exitCode, SyncSummary summary, String problem) {
    }

    static Outcome run(HubConfig hubConfig, AdapterSettings settings, CircuitBreaker breaker, SyncProgress progress,
            PrintWriter out, PrintWriter err) throws InterruptedException {
        try {
            HubSettings hubSettings = HubSettings.from(hubConfig);
            CatalogSource source = settings.source();
            SyncEngine.Settings sync = settings.sync();
            AdapterSettings.HubRetrying retrying = settings.hubRetrying();
            try (HubConnection hub = new HubConnection(hubSettings);
                    CheckpointStore store = CheckpointStore.open(sync.workFolder())) {
                AdapterIdentity adapter = hub.identify();
                out.printf("Syncing %s to the hub at %s as member %s.%n", source.describe(), hubSettings.hubUrl(),
                        adapter.memberCode());
                out.flush();
                HubPusher pusher = new HubPusher(hub, breaker, retrying.attempts(), retrying.firstPause(),
                        retrying.longestPause(), retrying.batchTimeout());
                SyncSummary summary = new SyncEngine(source, pusher, store, sync, progress).run();
                out.print(summary.text(20));
                out.flush();
                return new Outcome(OK, summary, null);
            } catch (SyncEngine.Stopped stopped) {
                out.print(stopped.summary().text(20));
                out.flush();
                err.println(stopped.getMessage());
                return new Outcome(exitCode(stopped.getCause()), stopped.summary(), stopped.getMessage());
            }
        } catch (SettingsProblem | CheckpointException | HubConnectionException e) {
            err.println(e.getMessage());
            return new Outcome(exitCode(e), null, e.getMessage());
        }
    }

    static CircuitBreaker breaker(AdapterSettings settings) throws SettingsProblem {
        AdapterSettings.HubRetrying retrying = settings.hubRetrying();
        return new CircuitBreaker(retrying.breakerThreshold(), retrying.breakerOpenFor(), Clock.systemUTC());
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof HubConnectionException hub) {
            return switch (hub.reason()) {
                case SETTINGS_INVALID -> SETTINGS;
                case HUB_UNREACHABLE -> HUB_UNREACHABLE;
                case KEY_NOT_ACCEPTED -> KEY_NOT_ACCEPTED;
                case HUB_ERROR -> HUB_ERROR;
            };
        }
        if (failure instanceof SettingsProblem) {
            return SETTINGS;
        }
        if (failure instanceof CheckpointException) {
            return STATE_UNUSABLE;
        }
        if (failure instanceof SourceException) {
            return SOURCE_FAILED;
        }
        return HUB_ERROR;
    }
}
