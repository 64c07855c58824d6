package org.consortiumhub.hub.problem;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique-constraint failure, so a race between two identical creates ends as a 409, not a 500. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
