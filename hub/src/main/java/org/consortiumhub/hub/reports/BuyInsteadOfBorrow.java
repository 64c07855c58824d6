package org.consortiumhub.hub.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.BuyInsteadOfBorrowReport;
import org.consortiumhub.api.model.BuySuggestion;
import org.consortiumhub.api.model.MemberRequestCount;
import org.consortiumhub.hub.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Buy instead of borrow: the titles members keep asking other members for although they do not hold them. Read
 * from the ILL requests of a period and the union catalog's holdings as they are now; a member that has since
 * bought the title no longer counts.
 */
@ApplicationScoped
public class BuyInsteadOfBorrow {

    public static final int DEFAULT_MIN_REQUESTS = 3;

    private static final String SUGGESTIONS = """
            with asked as (
                select r.cluster_id, r.borrower_id, count(*) as n
                  from ill_request r
                 where r.cluster_id is not null and r.created_at >= $1 and r.created_at < $2
                   and not exists (select 1 from catalog_record c
                                    where c.cluster_id = r.cluster_id and c.member_id = r.borrower_id)
                 group by r.cluster_id, r.borrower_id)
            select a.cluster_id, sum(a.n) as requests,
                   json_agg(json_build_object('member', m.code, 'n', a.n) order by a.n desc, m.code) as members,
                   (select min(r.title) from ill_request r where r.cluster_id = a.cluster_id) as title,
                   (select count(distinct c.member_id) from catalog_record c where c.cluster_id = a.cluster_id) as holders
              from asked a join member_library m on m.id = a.borrower_id
             group by a.cluster_id
            having sum(a.n) >= $3
             order by requests desc, a.cluster_id
             limit 200""";

    @Inject
    Pool pool;

    public Uni<BuyInsteadOfBorrowReport> suggestions(LocalDate from, LocalDate to, Integer minRequests) {
        Period period = Period.of(from, to);
        int min = minRequests == null ? DEFAULT_MIN_REQUESTS : minRequests;
        if (min < 1 || min > 1000) {
            throw ProblemException.invalid("minRequests", "must be between 1 and 1000");
        }
        return pool.preparedQuery(SUGGESTIONS)
                .execute(Tuple.of(period.from().atStartOfDay().atOffset(ZoneOffset.UTC),
                        period.endExclusive().atStartOfDay().atOffset(ZoneOffset.UTC), min))
                .map(rows -> {
                    List<BuySuggestion> list = new ArrayList<>();
                    for (Row r : rows) {
                        List<MemberRequestCount> members = new ArrayList<>();
                        Object json = r.getValue("members");
                        JsonArray array = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
                        for (int i = 0; i < array.size(); i++) {
                            JsonObject m = array.getJsonObject(i);
                            members.add(new MemberRequestCount().memberCode(m.getString("member")).requests(m.getInteger("n")));
                        }
                        list.add(new BuySuggestion().clusterId(r.getLong("cluster_id")).title(r.getString("title"))
                                .requests(r.getLong("requests").intValue()).requestingMembers(members)
                                .holders(r.getLong("holders").intValue()));
                    }
                    return new BuyInsteadOfBorrowReport().period(period.toApi()).minRequests(min).suggestions(list);
                });
    }
}
