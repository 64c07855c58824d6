package org.consortiumhub.hub.console;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.membership.MemberService;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The alliance manager's view across members: what each member contributes to the union catalog and how much of it
 * no other member holds (the titles the consortium would lose with that member, the first candidates for shared
 * print). Every table downloads as CSV.
 */
@Path(ConsolePaths.ROOT + "/alliance")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ "ALLIANCE_MANAGER", "ADMIN" })
public class AlliancePages {

    /** One member's catalogue as the alliance sees it. */
    public record MemberCatalog(String code, String name, long records, long manifestations, long uniquelyHeld,
            long lendableItems) {

        public long shared() {
            return manifestations - uniquelyHeld;
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance alliance(Page page, List<MemberCatalog> catalogs, String chart);

        static native TemplateInstance allianceMember(Page page, org.consortiumhub.hub.membership.MemberLibrary member,
                MemberCatalog catalog);
    }

    private static final String MEMBER_CATALOGS = """
            with held as (
                select member_id, cluster_id, count(*) as records,
                       sum(coalesce((select sum((h->>'lendable')::boolean::int) from jsonb_array_elements(holdings) h), 0)) as lendable
                  from catalog_record group by member_id, cluster_id),
            holders as (select cluster_id, count(*) as members from held group by cluster_id)
            select m.code, m.name,
                   coalesce(sum(h.records), 0) as records,
                   count(h.cluster_id) as manifestations,
                   count(h.cluster_id) filter (where ho.members = 1) as uniquely_held,
                   coalesce(sum(h.lendable), 0) as lendable_items
              from member_library m
              left join held h on h.member_id = m.id
              left join holders ho on ho.cluster_id = h.cluster_id
             where $1::text is null or m.code = $1
             group by m.code, m.name
             order by m.code""";

    @Inject
    Pool pool;

    @Inject
    MemberService members;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> dashboard() {
        Page page = new Page("Alliance", "alliance", ConsoleUser.of(identity));
        return catalogs(null).map(list -> Templates.alliance(page, list, chart(list).encode()));
    }

    @GET
    @Path("catalogs.csv")
    @Produces("text/csv")
    public Uni<Response> catalogsCsv() {
        return catalogs(null).map(list -> {
            CsvTable csv = new CsvTable("member", "name", "records", "manifestations", "uniquely_held", "shared",
                    "lendable_items");
            list.forEach(c -> csv.row(c.code(), c.name(), c.records(), c.manifestations(), c.uniquelyHeld(), c.shared(),
                    c.lendableItems()));
            return csv.download("member-catalogs.csv");
        });
    }

    @GET
    @Path("members/{code}")
    public Uni<TemplateInstance> member(@RestPath String code) {
        return members.get(Caller.of(identity), code).flatMap(member -> catalogs(member.code).map(list -> Templates
                .allianceMember(new Page(member.name, "alliance", ConsoleUser.of(identity)), member,
                        list.isEmpty() ? new MemberCatalog(member.code, member.name, 0, 0, 0, 0) : list.get(0))));
    }

    private Uni<List<MemberCatalog>> catalogs(String code) {
        return pool.preparedQuery(MEMBER_CATALOGS).execute(Tuple.of(code)).map(rows -> {
            List<MemberCatalog> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new MemberCatalog(r.getString("code"), r.getString("name"), r.getLong("records"),
                        r.getLong("manifestations"), r.getLong("uniquely_held"), r.getLong("lendable_items")));
            }
            return list;
        });
    }

    /** The Chart.js data of the stacked bars: per member, manifestations only it holds and those others hold too. */
    private static JsonObject chart(List<MemberCatalog> list) {
        JsonArray labels = new JsonArray();
        JsonArray unique = new JsonArray();
        JsonArray shared = new JsonArray();
        for (MemberCatalog c : list) {
            labels.add(c.code());
            unique.add(c.uniquelyHeld());
            shared.add(c.shared());
        }
        return new JsonObject().put("type", "bar").put("data", new JsonObject().put("labels", labels).put("datasets",
                new JsonArray()
                        .add(new JsonObject().put("label", "Held by this member only").put("data", unique).put("backgroundColor", "#1f5fa8"))
                        .add(new JsonObject().put("label", "Also held by others").put("data", shared).put("backgroundColor", "#9db7d5"))))
                .put("options", new JsonObject().put("responsive", true).put("maintainAspectRatio", false)
                        .put("scales", new JsonObject()
                                .put("x", new JsonObject().put("stacked", true))
                                .put("y", new JsonObject().put("stacked", true).put("beginAtZero", true))));
    }
}
