package org.consortiumhub.ill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The writes of one change that need no answer before the next (the request's new state, its audit line, its timers,
 * its loan out, the lending balance's lines), sent to PostgreSQL as one statement: each write a data-modifying part
 * of a {@code WITH}. One statement instead of five saves PostgreSQL and the hub the work of each statement's round
 * of messages, which costs more than such small writes themselves.
 *
 * <p>The parts run on one snapshot: none sees another's rows, and no two may change the same row (a write that
 * replaces a row is an upsert, not a delete and an insert). Each part numbers its parameters from {@code $1}.
 */
public final class WriteBatch {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final List<String> parts = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds one write: an INSERT, UPDATE or DELETE with its parameters' values in order. */
    public WriteBatch add(String statement, Object... arguments) {
        int offset = values.size();
        Matcher m = PARAMETER.matcher(statement);
        StringBuilder renumbered = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > arguments.length) {
                throw new IllegalArgumentException("$" + n + " has no value (" + arguments.length + " given): " + statement);
            }
            m.appendReplacement(renumbered, "\\$" + (n + offset));
        }
        m.appendTail(renumbered);
        parts.add(renumbered.toString());
        values.addAll(Arrays.asList(arguments));
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The statement as sent: the one write itself, or every write as a part of a {@code WITH}. */
    public String sql() {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder sql = new StringBuilder("with ");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('w').append(i).append(" as (").append(parts.get(i)).append(')');
        }
        return sql.append(" select 1").toString();
    }

    /** Sends the writes as one statement (nothing when there are none). */
    public Uni<Void> send(SqlClient sql) {
        if (parts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(sql()).execute(Tuple.tuple(new ArrayList<>(values))).replaceWithVoid();
    }
}
