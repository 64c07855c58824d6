package org.consortiumhub.hub.console;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.state.Side;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Where staff land after login: what the union catalog holds, per member, and the way into search. */
@Path(ConsolePaths.ROOT)
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class HomePage {

    /** One member's share of the union catalog. */
    public record MemberContribution(String code, String name, long records, boolean active) {
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(Page page, List<MemberContribution> contributions, long records, long clusters,
                List<IllRequests.QueueCount> borrowing, List<IllRequests.QueueCount> lending);
    }

    @Inject
    Pool pool;

    @Inject
    SecurityIdentity identity;

    @Inject
    IllRequests requests;

    @GET
    public Uni<TemplateInstance> home() {
        ConsoleUser user = ConsoleUser.of(identity);
        Page page = new Page("Home", "home", user);
        Uni<List<IllRequests.QueueCount>> counts = user.isIllStaff() ? requests.activeCounts(user.memberCode())
                : Uni.createFrom().item(List.of());
        return pool.query("""
                        select m.code, m.name, m.active, coalesce(c.records, 0) as records
                          from member_library m
                          left join (select member_id, count(*) as records from catalog_record group by member_id) c
                            on c.member_id = m.id
                         order by m.code""").execute()
                .flatMap(rows -> {
                    List<MemberContribution> list = new ArrayList<>();
                    long records = 0;
                    for (Row r : rows) {
                        list.add(new MemberContribution(r.getString("code"), r.getString("name"), r.getLong("records"),
                                r.getBoolean("active")));
                        records += r.getLong("records");
                    }
                    long total = records;
                    return pool.query("select count(*) from catalog_cluster").execute()
                            .flatMap(c -> counts.map(work -> Templates.home(page, list, total, c.iterator().next().getLong(0),
                                    work.stream().filter(q -> q.side() == Side.REQUESTER).toList(),
                                    work.stream().filter(q -> q.side() == Side.SUPPLIER).toList())));
                });
    }
}
