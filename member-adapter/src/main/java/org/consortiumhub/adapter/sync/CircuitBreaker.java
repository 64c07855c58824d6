package org.consortiumhub.adapter.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops the adapter hammering a hub that is down. After {@code threshold} failed calls in a row the circuit opens:
 * calls fail at once, without reaching the hub, until {@code openFor} has passed; then one trial call is let through,
 * and its outcome closes the circuit or opens it again.
 */
public final class CircuitBreaker {

    /** The circuit is open; no call was made. */
    public static final class Open extends Exception {
        private static final long serialVersionUID = 1L;

        Open(String message) {
            super(message);
        }
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean trialRunning;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** May a call go ahead now? */
    public synchronized void beforeCall() throws Open {
        if (openUntil == null) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil) || trialRunning) {
            throw new Open("the hub failed " + failures + " times in a row, so the adapter leaves it alone until "
                    + openUntil + " before trying again");
        }
        trialRunning = true;
    }

    public synchronized void succeeded() {
        failures = 0;
        openUntil = null;
        trialRunning = false;
    }

    public synchronized void failed() {
        failures++;
        if (trialRunning || failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
        trialRunning = false;
    }

    public synchronized boolean isOpen() {
        return openUntil != null && clock.instant().isBefore(openUntil);
    }
}
