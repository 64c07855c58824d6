package org.consortiumhub.ill.rota;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.WriteBatch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each member's lending balance, which the rota weighs: what it lent and borrowed over the last {@link #DAYS} days
 * (today included, by UTC days), and the loans it has out now.
 *
 * <p>Every shipment adds a line for the lender and one for the borrower ({@link #shipped}), inside the transaction that
 * ships: inserts only, so shipments between the same members never wait for each other. {@link #fold} (run by the
 * ILL timer job) sums each member's lines of a day into one and drops the days the balance no longer counts, so a
 * balance stays a sum over about a year of lines however many loans a member makes.
 */
@ApplicationScoped
public class LendingBalance {

    /** How far back lending and borrowing count. */
    public static final int DAYS = 365;

    /** Days kept beyond the balance period, so a late fold loses nothing the balance still counts. */
    private static final int KEPT_DAYS = DAYS + 30;

    /** A member's loans out now, and what it lent and borrowed over the period. */
    public record Load(int active, int lent, int borrowed) {
        static final Load NONE = new Load(0, 0, 0);
    }

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** The lines of one shipment from {@code lenderId} to {@code borrowerId} today, with the change that ships. */
    public void shipped(WriteBatch batch, long lenderId, long borrowerId) {
        batch.add("insert into ill_lending_day (member_id, day, lent, borrowed) values ($1, $3, 1, 0), ($2, $3, 0, 1)",
                lenderId, borrowerId, today());
    }

    /** The load of each of these members; a member that never lent, borrowed or has nothing out gets zeros. */
    public Uni<Map<Long, Load>> of(List<Long> memberIds) {
        // Each table is read once for all the members, grouped, not once per member: the tables are small but churn, so
        // between vacuums most of what a scan of them reads is dead rows, whichever way PostgreSQL chooses to read them.
        return pool.preparedQuery("select m.id, coalesce(o.active, 0) as active, coalesce(d.lent, 0) as lent,"
                        + " coalesce(d.borrowed, 0) as borrowed from unnest($1::bigint[]) as m(id)"
                        + " left join (select lender_id, count(*) as active from ill_loan_out where lender_id = any($1)"
                        + "   group by lender_id) o on o.lender_id = m.id"
                        + " left join (select member_id, sum(lent) as lent, sum(borrowed) as borrowed from ill_lending_day"
                        + "   where member_id = any($1) and day > $2 group by member_id) d on d.member_id = m.id")
                .execute(Tuple.of(memberIds.toArray(Long[]::new), today().minusDays(DAYS)))
                .map(rows -> {
                    Map<Long, Load> loads = new LinkedHashMap<>();
                    for (Row r : rows) {
                        loads.put(r.getLong("id"), new Load(r.getLong("active").intValue(), r.getLong("lent").intValue(),
                                r.getLong("borrowed").intValue()));
                    }
                    for (Long id : memberIds) {
                        loads.putIfAbsent(id, Load.NONE);
                    }
                    return loads;
                });
    }

    /**
     * Sums each member's lines of a day into one and drops days older than the balance needs; returns how many lines
     * it removed. Safe to run on several replicas at once: a line is folded by whichever deletes it.
     */
    public Uni<Integer> fold() {
        return pool.withTransaction(conn -> conn.preparedQuery("delete from ill_lending_day where day < $1")
                .execute(Tuple.of(today().minusDays(KEPT_DAYS)))
                .flatMap(old -> conn.preparedQuery("with twice as (select member_id, day from ill_lending_day"
                                + "   group by member_id, day having count(*) > 1),"
                                + " gone as (delete from ill_lending_day d using twice t"
                                + "   where d.member_id = t.member_id and d.day = t.day returning d.*),"
                                + " summed as (insert into ill_lending_day (member_id, day, lent, borrowed)"
                                + "   select member_id, day, sum(lent), sum(borrowed) from gone group by member_id, day returning 1)"
                                + " select (select count(*) from gone) - (select count(*) from summed) as removed")
                        .execute(Tuple.tuple())
                        .map(rows -> old.rowCount() + rows.iterator().next().getLong("removed").intValue())));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
