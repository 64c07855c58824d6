package org.consortiumhub.adapter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.consortiumhub.adapter.availability.AvailabilityLookup;
import org.consortiumhub.adapter.availability.sru.SruAvailability;
import org.consortiumhub.adapter.config.AdapterSettings;
import org.consortiumhub.adapter.config.SettingsProblem;
import org.consortiumhub.adapter.hub.AdapterIdentity;
import org.consortiumhub.adapter.hub.HubConfig;
import org.consortiumhub.adapter.hub.HubConnection;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.hub.HubSettings;
import org.consortiumhub.adapter.serve.AdapterServer;
import org.consortiumhub.adapter.sync.CircuitBreaker;
import org.consortiumhub.adapter.sync.SyncProgress;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the long-running mode. Syncs on the cron schedule (a run still going when the next is due is not
 * started twice), serves {@code /health} and the hub's live availability requests, and stops cleanly on SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run until stopped: sync on the schedule in adapter.sync.schedule, and answer /health and the "
                + "hub's /availability requests on adapter.serve.port.")
public class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    HubConfig hubConfig;

    @Inject
    Scheduler scheduler;

    @Option(names = "--sync-now", description = "Also sync once right away, before the first scheduled time.")
    boolean syncNow;

    private final AtomicReference<SyncRun.Outcome> lastRun = new AtomicReference<>();
    private volatile Instant lastRunAt;
    private volatile boolean running;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdapterSettings settings = AdapterSettings.fromConfig();
        AdapterIdentity adapter;
        String cron;
        int port;
        Optional<AvailabilityLookup> availability = Optional.empty();
        CircuitBreaker breaker;
        try {
            cron = settings.schedule();
            port = settings.servePort();
            settings.source();
            breaker = SyncRun.breaker(settings);
            if (AdapterSettings.fromConfig().serveSecret().isPresent()) {
                availability = Optional.of(new SruAvailability(settings.sru()));
            }
            try (HubConnection hub = new HubConnection(HubSettings.from(hubConfig))) {
                adapter = hub.identify();
            }
        } catch (SettingsProblem e) {
            err.println(e.getMessage());
            return SyncRun.SETTINGS;
        } catch (HubConnectionException e) {
            err.println(e.getMessage());
            return SyncRun.exitCode(e);
        }
        try (AdapterServer server = new AdapterServer(port, adapter.memberCode(), availability, settings.serveSecret(),
                this::health, Clock.systemUTC())) {
            out.printf("Member adapter for %s running: syncing on '%s', health at http://localhost:%d/health%s.%n",
                    adapter.memberCode(), cron, server.port(),
                    availability.isPresent() ? ", availability at /availability" : " (no availability: set adapter.serve.secret and adapter.sru.url)");
            out.flush();
            scheduler.newJob("sync").setCron(cron).setConcurrentExecution(ConcurrentExecution.SKIP)
                    .setTask(execution -> syncOnce(breaker, out, err)).schedule();
            if (syncNow) {
                Thread first = new Thread(() -> syncOnce(breaker, out, err), "first-sync");
                first.setDaemon(true);
                first.start();
            }
            Quarkus.waitForExit();
            return 0;
        } catch (IOException e) {
            err.println("Cannot serve on port " + port + " (adapter.serve.port): " + e.getMessage());
            return SyncRun.SETTINGS;
        } finally {
            scheduler.unscheduleJob("sync");
        }
    }

    private synchronized void syncOnce(CircuitBreaker breaker, PrintWriter out, PrintWriter err) {
        running = true;
        try {
            SyncRun.Outcome outcome = SyncRun.run(hubConfig, AdapterSettings.fromConfig(), breaker,
                    new SyncProgress(System.err, false, 30), out, err);
            lastRun.set(outcome);
            lastRunAt = Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    private AdapterServer.Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        SyncRun.Outcome outcome = lastRun.get();
        details.put("syncRunning", running);
        details.put("lastSyncAt", lastRunAt == null ? null : lastRunAt.toString());
        details.put("lastSync", outcome == null ? "none yet" : outcome.exitCode() == 0 ? "ok" : "failed");
        if (outcome != null && outcome.problem() != null) {
            details.put("problem", outcome.problem());
        }
        if (outcome != null && outcome.summary() != null) {
            details.put("records", outcome.summary().read());
            details.put("rejected", outcome.summary().rejected() + outcome.summary().malformed());
        }
        return new AdapterServer.Health(outcome == null || outcome.exitCode() == 0, details);
    }
}
