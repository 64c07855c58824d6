package org.consortiumhub.ill.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consortium's ILL in figures, for alliance managers: volume, fill rate and time to supply per month, and each
 * member's lending against its borrowing (the balance the rota levels). A request counts as filled once its lender
 * shipped it (a loan) or delivered it (a copy); as unfilled when it ended cancelled or at the end of its rota.
 */
@ApplicationScoped
public class IllStatistics {

    /** One month of requests made. {@code fillRate} is filled / (filled + unfilled), null while none is decided. */
    public record Month(String month, long requests, long filled, long unfilled, Double fillRate, Double daysToSupply) {
    }

    /** One member's side of the balance: requests it made, and requests filled for it and by it. */
    public record MemberBalance(String code, String name, long requested, long borrowed, long lent) {

        /** Lent per borrowed item; null when it borrowed nothing. */
        public Double ratio() {
            return borrowed == 0 ? null : Math.round(100.0 * lent / borrowed) / 100.0;
        }
    }

    private static final String SUPPLIED = """
            supplied as (
                select distinct on (e.request_id) e.request_id, e.lender_id, e.at, r.borrower_id
                  from ill_request_event e join ill_request r on r.id = e.request_id
                 where e.to_state = 'SHIPPED'
                 order by e.request_id, e.at)""";

    @Inject
    Pool pool;

    /** Months from {@code since} (its month included) to today, oldest first; months without requests are left out. */
    public Uni<List<Month>> months(LocalDate since) {
        return pool.preparedQuery("with " + SUPPLIED + """
                        select to_char(date_trunc('month', r.created_at), 'YYYY-MM') as month,
                               count(*) as requests,
                               count(s.request_id) as filled,
                               count(*) filter (where s.request_id is null and r.state in ('CANCELLED', 'END_OF_ROTA')) as unfilled,
                               avg(extract(epoch from s.at - r.created_at)) / 86400.0 as days_to_supply
                          from ill_request r left join supplied s on s.request_id = r.id
                         where r.created_at >= $1
                         group by 1 order by 1""")
                .execute(Tuple.of(since.withDayOfMonth(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    List<Month> list = new ArrayList<>();
                    for (Row r : rows) {
                        long filled = r.getLong("filled");
                        long unfilled = r.getLong("unfilled");
                        Double days = r.getValue("days_to_supply") == null ? null
                                : Math.round(r.getDouble("days_to_supply") * 10) / 10.0;
                        list.add(new Month(r.getString("month"), r.getLong("requests"), filled, unfilled,
                                filled + unfilled == 0 ? null : Math.round(1000.0 * filled / (filled + unfilled)) / 10.0, days));
                    }
                    return list;
                });
    }

    /** Every member's lending and borrowing, by member code; one member when {@code code} is given. */
    public Uni<List<MemberBalance>> balances(String code) {
        return pool.preparedQuery("with " + SUPPLIED + """
                        select m.code, m.name,
                               (select count(*) from ill_request r where r.borrower_id = m.id) as requested,
                               (select count(*) from supplied s where s.borrower_id = m.id) as borrowed,
                               (select count(*) from supplied s where s.lender_id = m.id) as lent
                          from member_library m
                         where $1::text is null or m.code = $1
                         order by m.code""")
                .execute(Tuple.of(code))
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
