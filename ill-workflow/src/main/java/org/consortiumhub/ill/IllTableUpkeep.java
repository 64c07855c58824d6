package org.consortiumhub.ill;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Vacuums the ILL tables whose rows come and go all day: answer and due-date timers, loans out, the lending balance's
 * lines and the ISO 18626 outbox. Each of them holds a few hundred live rows but sees thousands of inserts and deletes
 * a minute when staff are busy; every deleted row stays in its table and indexes until a vacuum, and each rota, timer
 * claim and loan count reads past it. PostgreSQL's autovacuum, where it is on, wakes once a minute by default and
 * waits for a fifth of a table to be dead; that is too late for tables like these, and on servers where it is off
 * they would only grow. So each replica vacuums them itself, and only those with enough dead rows to be worth it.
 */
@ApplicationScoped
public class IllTableUpkeep {

    /** The tables that churn; the request, its audit trail and its rota only grow or are updated in place. */
    static final List<String> CHURNING = List.of("ill_timer", "ill_loan_out", "ill_lending_day", "ill_iso_outbox");

    /** Dead rows a table must carry, beyond a fifth of its live ones, before it is vacuumed. */
    static final int MIN_DEAD = 500;

    @Inject
    Pool pool;

    /**
     * Vacuums the churning tables that have collected enough dead rows and answers with their names. A table another
     * replica (or autovacuum) is vacuuming at that moment is skipped rather than waited for.
     */
    public Uni<List<String>> vacuumWhereDead() {
        return pool.preparedQuery("select relname from pg_stat_user_tables where schemaname = current_schema()"
                        + " and relname = any($1) and n_dead_tup > $2 + n_live_tup / 5 order by relname")
                .execute(Tuple.of(CHURNING.toArray(String[]::new), MIN_DEAD))
                .flatMap(rows -> {
                    List<String> tables = new ArrayList<>();
                    for (Row r : rows) {
                        tables.add(r.getString("relname"));
                    }
                    if (tables.isEmpty()) {
                        return Uni.createFrom().item(tables);
                    }
                    // Names from the fixed list above, never from input (VACUUM takes no parameters). No truncation:
                    // giving empty pages at a table's end back takes an exclusive lock, and VACUUM would try for it
                    // for up to five seconds while staff work on the table; the pages are soon used again anyway.
                    return pool.query("vacuum (skip_locked, truncate false) " + String.join(", ", tables)).execute()
                            .replaceWith(tables);
                });
    }
}
