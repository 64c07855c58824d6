package org.consortiumhub.adapter.sync;

import java.nio.file.Path;
import java.time.Duration;

import org.consortiumhub.adapter.hub.HubConnection;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.hub.HubConnectionException.Reason;
import org.consortiumhub.api.client.model.BatchReport;
import org.jboss.logging.Logger;

/**
 * Sends batches to the hub through the generated client. A failure that may pass (no answer, a 5xx) is retried with
 * growing pauses; sending a batch again is safe because the hub's ingest is idempotent. A circuit breaker shared by
 * all sending threads stops every one of them once the hub is clearly down. A refused key or a 4xx is not retried.
 */
public final class HubPusher implements CatalogSink {

    private static final Logger LOG = Logger.getLogger(HubPusher.class);

    private final HubConnection hub;
    private final CircuitBreaker breaker;
    private final int attempts;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Duration batchTimeout;

    public HubPusher(HubConnection hub, CircuitBreaker breaker, int attempts, Duration firstPause, Duration longestPause,
            Duration batchTimeout) {
        this.hub = hub;
        this.breaker = breaker;
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.batchTimeout = batchTimeout;
    }

    @Override
    public BatchReport send(Path batch) throws HubConnectionException, InterruptedException {
        Duration pause = firstPause;
        for (int attempt = 1;; attempt++) {
            try {
                breaker.beforeCall();
            } catch (CircuitBreaker.Open open) {
                throw new HubConnectionException(Reason.HUB_UNREACHABLE, "The sync stopped: " + open.getMessage()
                        + ". The next run resumes where this one stopped.");
            }
            try {
                BatchReport report = hub.ingest(batch.toFile(), batchTimeout);
                breaker.succeeded();
                return report;
            } catch (HubConnectionException e) {
                if (!e.mayPass()) {
                    breaker.succeeded(); // the hub answered: it is up, the request is what is wrong
                    throw e;
                }
                breaker.failed();
                if (attempt >= attempts) {
                    throw new HubConnectionException(e.reason(), e.status(), e.getMessage() + " (gave up after "
                            + attempt + " attempts; the next run resumes where this one stopped)");
                }
                LOG.warnf("%s; sending the batch again in %d ms", e.getMessage(), pause.toMillis());
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
            }
        }
    }
}
