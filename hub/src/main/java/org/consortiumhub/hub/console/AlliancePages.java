package org.consortiumhub.hub.console;

import java.time.Clock;
import java.time.LocalDate;
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
import org.consortiumhub.hub.reports.CsvTable;
import org.consortiumhub.ill.stats.IllStatistics;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The alliance manager's view across members: ILL volume, fill rate and time to supply per month, each member's
 * lending against its borrowing, what each member contributes to the union catalog and how much of it no other member
 * holds (the titles the consortium would lose with that member, the first candidates for shared print). Every table
 * downloads as CSV.
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
        static native TemplateInstance alliance(Page page, List<MemberCatalog> catalogs, String catalogChart,
                List<IllStatistics.Month> months, String volumeChart, String qualityChart,
                List<IllStatistics.MemberBalance> balances, String balanceChart);

        static native TemplateInstance allianceMember(Page page, org.consortiumhub.hub.membership.MemberLibrary member,
                MemberCatalog catalog, IllStatistics.MemberBalance balance);
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

    @Inject
    IllStatistics statistics;

    @Inject
    Clock clock;

    @GET
    public Uni<TemplateInstance> dashboard() {
        Page page = new Page("Alliance", "alliance", ConsoleUser.of(identity));
        return catalogs(null).flatMap(catalogList -> statistics.months(since()).flatMap(months -> statistics
                .balances(null, since(), LocalDate.now(clock)).map(balances -> Templates.alliance(page, catalogList, catalogChart(catalogList), months,
                        volumeChart(months), qualityChart(months), balances, balanceChart(balances)))));
    }

    @GET
    @Path("ill-months.csv")
    @Produces("text/csv")
    public Uni<Response> monthsCsv() {
        return statistics.months(since()).map(months -> {
            CsvTable csv = new CsvTable("month", "requests", "filled", "unfilled", "fill_rate_percent", "days_to_supply");
            months.forEach(m -> csv.row(m.month(), m.requests(), m.filled(), m.unfilled(), m.fillRate(), m.daysToSupply()));
            return csv.download("ill-by-month.csv");
        });
    }

    @GET
    @Path("ill-balance.csv")
    @Produces("text/csv")
    public Uni<Response> balanceCsv() {
        return statistics.balances(null, since(), LocalDate.now(clock)).map(balances -> {
            CsvTable csv = new CsvTable("member", "name", "requested", "borrowed", "lent", "lent_per_borrowed");
            balances.forEach(b -> csv.row(b.code(), b.name(), b.requested(), b.borrowed(), b.lent(), b.ratio()));
            return csv.download("ill-lending-and-borrowing.csv");
        });
    }

    /** The last twelve months, this one included. */
    private LocalDate since() {
        return LocalDate.now(clock).minusMonths(11).withDayOfMonth(1);
    }

    private static String catalogChart(List<MemberCatalog> list) {
        return Chart.of(list.stream().map(MemberCatalog::code).toList(), true,
                Chart.Series.bars("Held by this member only", list.stream().map(MemberCatalog::uniquelyHeld).toList(), "#1f5fa8"),
                Chart.Series.bars("Also held by others", list.stream().map(MemberCatalog::shared).toList(), "#9db7d5"));
    }

    private static String volumeChart(List<IllStatistics.Month> months) {
        return Chart.of(months.stream().map(IllStatistics.Month::month).toList(), false,
                Chart.Series.bars("Requests", months.stream().map(IllStatistics.Month::requests).toList(), "#9db7d5"),
                Chart.Series.bars("Filled", months.stream().map(IllStatistics.Month::filled).toList(), "#1c6b34"),
                Chart.Series.bars("Unfilled", months.stream().map(IllStatistics.Month::unfilled).toList(), "#a3262a"));
    }

    private static String qualityChart(List<IllStatistics.Month> months) {
        return Chart.of(months.stream().map(IllStatistics.Month::month).toList(), false,
                Chart.Series.line("Fill rate (%)", months.stream().map(IllStatistics.Month::fillRate).toList(), "#1f5fa8"),
                Chart.Series.line("Days to supply", months.stream().map(IllStatistics.Month::daysToSupply).toList(), "#8a5300"));
    }

    private static String balanceChart(List<IllStatistics.MemberBalance> balances) {
        return Chart.of(balances.stream().map(IllStatistics.MemberBalance::code).toList(), false,
                Chart.Series.bars("Lent", balances.stream().map(IllStatistics.MemberBalance::lent).toList(), "#1f5fa8"),
                Chart.Series.bars("Borrowed", balances.stream().map(IllStatistics.MemberBalance::borrowed).toList(), "#e0a030"));
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
        return members.get(Caller.of(identity), code).flatMap(member -> catalogs(member.code).flatMap(list -> statistics
                .balances(member.code, since(), LocalDate.now(clock)).map(balance -> Templates.allianceMember(
                        new Page(member.name, "alliance", ConsoleUser.of(identity)), member,
                        list.isEmpty() ? new MemberCatalog(member.code, member.name, 0, 0, 0, 0) : list.get(0),
                        balance.isEmpty() ? new IllStatistics.MemberBalance(member.code, member.name, 0, 0, 0) : balance.get(0)))));
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

}
