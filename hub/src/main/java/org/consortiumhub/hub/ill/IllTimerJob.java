package org.consortiumhub.hub.ill;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.IllTableUpkeep;
import org.consortiumhub.ill.iso.IsoOutbox;
import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.rota.LendingBalance;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs the ILL timers that are due (lenders that did not answer in time are skipped, loans past their due date are
 * marked overdue), sends the ISO 18626 messages waiting for external members, drops copyright records past
 * their keeping period, folds the lending balance's lines and vacuums the tables whose rows come and go. Every replica
 * runs it; the timers' row claims keep them from running one timer twice.
 */
@ApplicationScoped
public class IllTimerJob {

    /** Timers one run handles at most; the rest wait for the next run. */
    static final int BATCH = 500;

    @Inject
    IllRequests requests;

    @Inject
    IsoOutbox outbox;

    @Inject
    DownloadFiles downloads;

    @Inject
    LendingBalance balance;

    @Inject
    IllTableUpkeep upkeep;

    @Scheduled(every = "${ill.timers.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return runDue().flatMap(ignored -> outbox.deliverDue())
                .flatMap(ignored -> requests.purgeCopyrightRecords())
                .replaceWithVoid();
    }

    /** Keeps the lending balance's lines few: each new request's rota sums those written since the last fold. */
    @Scheduled(every = "${ill.balance.fold-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> foldLendingBalance() {
        return balance.fold().replaceWithVoid();
    }

    /**
     * Clears the dead rows of the timers, loans out, balance lines and outbox before they slow the work down, and keeps
     * the ILL tables' statistics current where autovacuum does not.
     */
    @Scheduled(every = "${ill.upkeep.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tableUpkeep() {
        return upkeep.vacuumWhereDead().flatMap(vacuumed -> upkeep.analyzeWhereChanged()).replaceWithVoid();
    }

    /** Removes finished downloads' temporary copies; file work, so on a worker thread. */
    @Scheduled(every = "10m", delayed = "10m")
    void cleanUpDownloads() {
        downloads.cleanUp();
    }

    /** Runs due timers until none is left (or a batch is done); returns how many ran. */
    public Uni<Integer> runDue() {
        return Multi.createBy().repeating().uni(requests::runNextTimer).whilst(ran -> ran)
                .select().first(BATCH)
                .filter(ran -> ran)
                .collect().asList()
                .map(java.util.List::size);
    }
}
