package org.consortiumhub.ill.stats;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.rota.LendingPolicies;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ILL figures for a period, for one member or the whole consortium: requests made and filled, fill rate,
 * turnaround, lending against borrowing, and why requests went unfilled. Read from the requests and their audit
 * trail; a request belongs to the period it was made in, a lending or an unfilled answer to the period it happened in.
 */
@ApplicationScoped
public class IllStatistics {

    /** Hours between two steps of the requests that took both: average and median, over {@code count} requests. */
    public record Turnaround(long count, Double averageHours, Double medianHours) {
    }

    public record ReasonCount(String reason, long count) {
    }

    /**
     * @param memberCode the member, or null for the consortium
     * @param requests requests made (by the member as borrower)
     * @param filled those of them that were shipped
     * @param lendingRequests requests sent to the member as lender (or to any lender)
     * @param lent requests the member shipped as lender
     * @param borrowed requests shipped to the member as borrower
     */
    public record Figures(String memberCode, LocalDate from, LocalDate to, long requests, long filled, Double fillRate,
            long lendingRequests, long lent, long borrowed, long balance, Turnaround requestToShipped,
            Turnaround shippedToReceived, Turnaround requestToFilled, List<ReasonCount> unfilledReasons) {
    }

    @Inject
    Pool pool;

    @ConfigProperty(name = "ill.time-zone", defaultValue = "UTC")
    ZoneId zone;

    /** Figures from {@code from} to {@code to}, both days included. */
    public Uni<Figures> figures(String memberCode, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw IllException.invalid("to", "is before from");
        }
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Uni<Long> member = memberCode == null ? Uni.createFrom().nullItem() : LendingPolicies.memberId(pool, memberCode);
        return member.flatMap(id -> counts(id, start, end).flatMap(counts -> turnaround(id, start, end, "r.created_at", "ship")
                .flatMap(shipped -> turnaroundBetween(id, start, end)
                        .flatMap(received -> turnaround(id, start, end, "r.created_at", "received")
                                .flatMap(filled -> reasons(id, start, end).map(reasons -> {
                                    long requests = counts.getLong("requests");
                                    long filledCount = counts.getLong("filled");
                                    long lent = counts.getLong("lent");
                                    long borrowed = counts.getLong("borrowed");
                                    return new Figures(memberCode, from, to, requests, filledCount,
                                            requests == 0 ? null : (double) filledCount / requests,
                                            counts.getLong("lending"), lent, borrowed, lent - borrowed, shipped, received,
                                            filled, reasons);
                                }))))));
    }

    private Uni<Row> counts(Long member, OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery("select"
                + " (select count(*) from ill_request r where r.created_at >= $2 and r.created_at < $3"
                + "   and ($1::bigint is null or r.borrower_id = $1)) as requests,"
                + " (select count(*) from ill_request r where r.created_at >= $2 and r.created_at < $3"
                + "   and ($1::bigint is null or r.borrower_id = $1)"
                + "   and exists (select 1 from ill_request_event e where e.request_id = r.id and e.action = 'ship')) as filled,"
                + " (select count(*) from ill_request_event e where e.action = 'send' and e.at >= $2 and e.at < $3"
                + "   and ($1::bigint is null or e.lender_id = $1)) as lending,"
                + " (select count(*) from ill_request_event e where e.action = 'ship' and e.at >= $2 and e.at < $3"
                + "   and ($1::bigint is null or e.lender_id = $1)) as lent,"
                + " (select count(*) from ill_request_event e join ill_request r on r.id = e.request_id"
                + "   where e.action = 'ship' and e.at >= $2 and e.at < $3 and ($1::bigint is null or r.borrower_id = $1)) as borrowed")
                .execute(Tuple.of(member, start, end)).map(rows -> rows.iterator().next());
    }

    /** From the request's creation to the first event of this action, over the member's requests of the period. */
    private Uni<Turnaround> turnaround(Long member, OffsetDateTime start, OffsetDateTime end, String since, String action) {
        return hours("select extract(epoch from (min(e.at) - " + since + ")) / 3600.0 as h from ill_request r"
                + " join ill_request_event e on e.request_id = r.id and e.action = '" + action + "'"
                + " where r.created_at >= $2 and r.created_at < $3 and ($1::bigint is null or r.borrower_id = $1)"
                + " group by r.id, " + since, member, start, end);
    }

    private Uni<Turnaround> turnaroundBetween(Long member, OffsetDateTime start, OffsetDateTime end) {
        return hours("select extract(epoch from (min(v.at) - min(s.at))) / 3600.0 as h from ill_request r"
                + " join ill_request_event s on s.request_id = r.id and s.action = 'ship'"
                + " join ill_request_event v on v.request_id = r.id and v.action = 'received'"
                + " where r.created_at >= $2 and r.created_at < $3 and ($1::bigint is null or r.borrower_id = $1)"
                + " group by r.id", member, start, end);
    }

    private Uni<Turnaround> hours(String perRequest, Long member, OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery("select count(*) as n, avg(h) as average, percentile_cont(0.5) within group (order by h)"
                + " as median from (" + perRequest + ") t")
                .execute(Tuple.of(member, start, end))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Turnaround(r.getLong("n"), number(r, "average"), number(r, "median"));
                });
    }

    private static Double number(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? null : Math.round(((Number) v).doubleValue() * 100.0) / 100.0;
    }

    /**
     * Why lenders turned down the member's requests (or any, for the consortium): the ISO reasons of unfilled answers,
     * NoAnswer for lenders skipped after their deadline, ConditionsRejected where the borrower refused conditions.
     */
    private Uni<List<ReasonCount>> reasons(Long member, OffsetDateTime start, OffsetDateTime end) {
        return pool.preparedQuery("select case when e.action = 'skipLender' then 'NoAnswer'"
                + " when e.action = 'rejectConditions' then 'ConditionsRejected' else coalesce(e.reason, 'Unknown') end as reason,"
                + " count(*) as n from ill_request_event e"
                + " join ill_request r on r.id = e.request_id"
                + " where e.action in ('unfilled', 'skipLender', 'rejectConditions') and e.at >= $2 and e.at < $3"
                + " and ($1::bigint is null or r.borrower_id = $1)"
                + " group by 1 order by 2 desc, 1")
                .execute(Tuple.of(member, start, end))
                .map(rows -> {
                    List<ReasonCount> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new ReasonCount(r.getString("reason"), r.getLong("n")));
                    }
                    return list;
                });
    }

    /**
     * One month of requests made, counted as {@link #figures} counts them. {@code unfilled}: those that ended cancelled
     * or at the end of their rota without being shipped; {@code fillRate} in percent.
     */
    public record Month(String month, long requests, long filled, long unfilled, Double fillRate, Double daysToSupply) {
    }

    /** One member's lending against its borrowing over a period, counted as {@link #figures} counts them. */
    public record MemberBalance(String code, String name, long requested, long borrowed, long lent) {

        /** Lent per borrowed item; null when it borrowed nothing. */
        public Double ratio() {
            return borrowed == 0 ? null : Math.round(100.0 * lent / borrowed) / 100.0;
        }
    }

    /** The consortium's requests per month from {@code from}'s month to today, oldest first; empty months left out. */
    public Uni<List<Month>> months(LocalDate from) {
        OffsetDateTime start = from.withDayOfMonth(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.preparedQuery("""
                        select to_char(date_trunc('month', r.created_at at time zone $2), 'YYYY-MM') as month,
                               count(*) as requests,
                               count(s.at) as filled,
                               count(*) filter (where s.at is null and r.state in ('CANCELLED', 'END_OF_ROTA')) as unfilled,
                               avg(extract(epoch from s.at - r.created_at)) / 86400.0 as days_to_supply
                          from ill_request r
                          left join lateral (select min(e.at) as at from ill_request_event e
                                              where e.request_id = r.id and e.action = 'ship') s on s.at is not null
                         where r.created_at >= $1
                         group by 1 order by 1""")
                .execute(Tuple.of(start, zone.getId()))
                .map(rows -> {
                    List<Month> list = new ArrayList<>();
                    for (Row r : rows) {
                        long requests = r.getLong("requests");
                        long filled = r.getLong("filled");
                        Double days = number(r, "days_to_supply");
                        list.add(new Month(r.getString("month"), requests, filled, r.getLong("unfilled"),
                                requests == 0 ? null : Math.round(1000.0 * filled / requests) / 10.0,
                                days == null ? null : Math.round(days * 10) / 10.0));
                    }
                    return list;
                });
    }

    /** Every member's (or one member's) requests, borrowing and lending from {@code from} to {@code to}, by code. */
    public Uni<List<MemberBalance>> balances(String memberCode, LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.preparedQuery("""
                        with shipped as (
                            select e.lender_id, r.borrower_id from ill_request_event e join ill_request r on r.id = e.request_id
                             where e.action = 'ship' and e.at >= $2 and e.at < $3)
                        select m.code, m.name,
                               (select count(*) from ill_request r
                                 where r.borrower_id = m.id and r.created_at >= $2 and r.created_at < $3) as requested,
                               (select count(*) from shipped s where s.borrower_id = m.id) as borrowed,
                               (select count(*) from shipped s where s.lender_id = m.id) as lent
                          from member_library m
                         where $1::text is null or m.code = $1
                         order by m.code""")
                .execute(Tuple.of(memberCode, start, end))
                .map(rows -> {
                    List<MemberBalance> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new MemberBalance(r.getString("code"), r.getString("name"), r.getLong("requested"),
                                r.getLong("borrowed"), r.getLong("lent")));
                    }
                    return list;
                });
    }
}
