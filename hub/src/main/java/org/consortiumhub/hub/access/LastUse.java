package org.consortiumhub.hub.access;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a login's or key's last-used time is worth writing: at most once a minute per replica, so a busy
 * adapter or script costs no database write per call. The database statement keeps its own once-a-minute guard,
 * so several replicas together still write rarely.
 */
final class LastUse {

    private static final long INTERVAL_NANOS = 60L * 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();

    boolean isDue(String who) {
        long now = System.nanoTime();
        Long last = lastWritten.get(who);
        if (last != null && now - last < INTERVAL_NANOS) {
            return false;
        }
        if (lastWritten.size() >= MAX_ENTRIES) {
            lastWritten.clear();
        }
        lastWritten.put(who, now);
        return true;
    }
}
