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
 * Keeps the ILL tables' statistics current and vacuums the tables whose rows come and go all day: answer and
 * due-date timers, loans out, the lending balance's lines and the ISO 18626 outbox. Each of them holds a few hundred
 * live rows but sees thousands of inserts and deletes a minute when staff are busy; every deleted row stays in its
 * table and indexes until a vacuum, and each rota, timer claim and loan count reads past it. PostgreSQL's
 * autovacuum, where it is on, wakes once a minute by default and waits for a fifth of a table to be dead; that is too
 * late for tables like these, and on servers where it is off they would only grow. So each replica vacuums them
 * itself, and only those with enough dead rows to be worth it.
 *
 * <p>Where autovacuum is off, nothing would ever analyze the requests, their events and rotas either, and PostgreSQL
 * would plan each read of a request on guesses: with no statistics it read a request's rota by probing the rota once
 * per member library of the consortium instead of reading the request's few lines. So each replica also analyzes those
 * tables once they have changed by a tenth since they were last analyzed, as autovacuum does where it is on (and then
 * this finds nothing).
 */
@ApplicationScoped
public class IllTableUpkeep {

    /** The tables that churn; the request, its audit trail and its rota only grow or are updated in place. */
    static final List<String> CHURNING = List.of("ill_timer", "ill_loan_out", "ill_lending_day", "ill_iso_outbox");

    /**
     * The growing tables whose statistics the reads of a request are planned on. Not the churning ones: analyzed, they
     * look tiny, and a table of a few live rows among hundreds of dead ones is then scanned whole.
     */
    static final List<String> PLANNED = List.of("ill_request", "ill_request_event", "ill_rota_entry");

    /** Rows a table must have changed, beyond a tenth of its live ones, before it is analyzed (autovacuum's defaults). */
    static final int MIN_CHANGED = 50;

    /** Dead rows a table must carry, beyond a fifth of its live ones, before it is vacuumed. */
    static final int MIN_DEAD = 500;

    @Inject
    Pool pool;

    /**
     * Vacuums the churning tables that have collected enough dead rows and answers with their names. A table another
     * replica (or autovacuum) is vacuuming at that moment is skipped rather than waited for. No truncation: giving empty
     * pages at a table's end back takes an exclusive lock, and VACUUM would try for it for up to five seconds while staff
     * work on the table; the pages are soon used again anyway.
     */
    public Uni<List<String>> vacuumWhereDead() {
        return maintain(CHURNING, "n_dead_tup > $2 + n_live_tup / 5", MIN_DEAD, "vacuum (skip_locked, truncate false) ");
    }

    /**
     * Analyzes the ILL tables that have changed by more than {@link #MIN_CHANGED} rows and a tenth since their last
     * analysis (by anyone) and answers with their names; a table being analyzed or vacuumed elsewhere is skipped.
     */
    public Uni<List<String>> analyzeWhereChanged() {
        return maintain(PLANNED, "n_mod_since_analyze > $2 + n_live_tup / 10", MIN_CHANGED, "analyze (skip_locked) ");
    }

    /** Runs {@code command} on those of {@code tables} whose statistics meet {@code due} ($2: {@code threshold}). */
    private Uni<List<String>> maintain(List<String> tables, String due, int threshold, String command) {
        return pool.preparedQuery("select relname from pg_stat_user_tables where schemaname = current_schema()"
                        + " and relname = any($1) and " + due + " order by relname")
                .execute(Tuple.of(tables.toArray(String[]::new), threshold))
                .flatMap(rows -> {
                    List<String> chosen = new ArrayList<>();
                    for (Row r : rows) {
                        chosen.add(r.getString("relname"));
                    }
                    // names from the fixed lists above, never from input (VACUUM and ANALYZE take no parameters)
                    return chosen.isEmpty() ? Uni.createFrom().item(chosen)
                            : pool.query(command + String.join(", ", chosen)).execute().replaceWith(chosen);
                });
    }
}
