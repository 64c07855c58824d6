package org.consortiumhub.ill.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests this replica last answered with or showed, each as it stood at its version, the most recently used
 * first to stay. Staff look at a request before they act on it; the answer to the action is then worked out from the
 * request as shown and the action's own writes, instead of read back from PostgreSQL. A remembered request is used
 * only when the version its row holds under the action's lock is the remembered one: every change to a request,
 * through any replica, raises its version, so an outdated one is never used, only read again.
 */
final class AnsweredRequests {

    private final Map<Long, RequestView> views;
    private final AtomicLong workedOut = new AtomicLong();

    AnsweredRequests(int capacity) {
        this.views = new LinkedHashMap<>(Math.max(16, Math.min(capacity, 1024)), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, RequestView> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The request as remembered at {@code version}, or null. */
    synchronized RequestView at(long id, int version) {
        RequestView v = views.get(id);
        return v != null && v.version() == version ? v : null;
    }

    /** Remembers a committed request's view, unless a later version of it is remembered already. */
    synchronized void remember(RequestView view) {
        views.merge(view.id(), view, (old, now) -> now.version() >= old.version() ? now : old);
    }

    /** Counts an answer worked out from a remembered request instead of read. */
    void workedOut() {
        workedOut.incrementAndGet();
    }

    long answersWorkedOut() {
        return workedOut.get();
    }
}
