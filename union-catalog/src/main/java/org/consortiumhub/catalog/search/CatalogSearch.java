package org.consortiumhub.catalog.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.search.SearchPage.ClusterHit;
import org.consortiumhub.catalog.search.SearchPage.FacetCount;
import org.consortiumhub.catalog.search.SearchPage.MemberHolding;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Searches clusters in PostgreSQL: full-text over title, author, subjects and identifiers (ranked by
 * weight: title, author, subject, identifier), exact identifiers through the match-key index, filters, and facet counts over the whole
 * result.
 */
@ApplicationScoped
public class CatalogSearch {

    public static final List<String> FACETS = List.of("format", "language", "decade", "member", "lendable");

    @Inject
    Pool pool;

    @Inject
    ClusterIndexSync index;

    /** Searches the replica's search index when it is ready, else PostgreSQL; both give the same answers. */
    public Uni<SearchPage> search(CatalogQuery query) {
        if (!index.isReady()) {
            return searchDatabase(query);
        }
        Uni<List<Long>> restrict = query.identifierKeys().isEmpty() ? Uni.createFrom().nullItem() : clustersWith(query.identifierKeys());
        return restrict.flatMap(ids -> Uni.createFrom().item(() -> index.index().search(query, ids))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** The clusters holding every one of these identifier keys, through the match-key index. */
    private Uni<List<Long>> clustersWith(List<Long> keys) {
        String sql = "select r.cluster_id from catalog_match_key k join catalog_record r on r.id = k.record_id"
                + " where k.key = $1";
        for (int i = 2; i <= keys.size(); i++) {
            sql += " intersect select r.cluster_id from catalog_match_key k join catalog_record r on r.id = k.record_id"
                    + " where k.key = $" + i;
        }
        return pool.preparedQuery(sql).execute(Tuple.from(List.<Object>copyOf(keys))).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong(0)));
            return ids;
        });
    }

    /** The same search in PostgreSQL alone: used while the search index is being built. */
    public Uni<SearchPage> searchDatabase(CatalogQuery query) {
        Conditions where = conditions(query);
        String rank = query.keywords().isEmpty() ? "0::real"
                : "ts_rank(c.search, " + where.param(SearchText.allOf(query.keywords())) + "::tsquery)";
        // One pass over the matches gives the page's ids, the total and every facet; the page's display rows are
        // then read by id. (Reading the matches twice, once for the page and once for the facets, cost twice.)
        String sql = "with m as materialized (select c.id, c.format, c.language, c.pub_year, c.member_ids,"
                + " cardinality(c.lendable_member_ids) > 0 as lendable, c.record_count, " + rank + " as rank"
                + " from catalog_cluster c" + where.sql() + ")"
                + " select 'hit' as facet, h.id::text as value, 0::bigint as n, h.rank, h.record_count from"
                + "  (select id, rank, record_count from m order by rank desc, record_count desc, id limit " + query.size()
                + "   offset " + (long) (query.page() - 1) * query.size() + ") h"
                + " union all select 'total', null, count(*), null, null from m"
                + " union all select 'format', format, count(*), null, null from m group by format"
                + " union all select 'language', language, count(*), null, null from m where language is not null group by language"
                + " union all select 'decade', (pub_year / 10 * 10)::text, count(*), null, null from m"
                + "   where pub_year is not null group by 2"
                + " union all select 'member', ml.code, count(*), null, null from m cross join unnest(m.member_ids) as mid"
                + "   join member_library ml on ml.id = mid group by ml.code"
                + " union all select 'lendable', lendable::text, count(*), null, null from m group by lendable";
        return pool.preparedQuery(sql).execute(Tuple.from(where.params())).flatMap(rows -> {
            Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
            FACETS.forEach(f -> facets.put(f, new ArrayList<>()));
            List<Row> hits = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                switch (row.getString("facet")) {
                    case "hit" -> hits.add(row);
                    case "total" -> total = row.getLong("n");
                    default -> facets.get(row.getString("facet")).add(new FacetCount(row.getString("value"), row.getLong("n")));
                }
            }
            facets.values().forEach(list -> list.sort((a, b) -> a.count() != b.count()
                    ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value())));
            hits.sort(Comparator.comparing((Row r) -> r.getFloat("rank")).reversed()
                    .thenComparing(Comparator.comparing((Row r) -> r.getInteger("record_count")).reversed())
                    .thenComparing(r -> Long.parseLong(r.getString("value"))));
            List<Long> ids = hits.stream().map(r -> Long.parseLong(r.getString("value"))).toList();
            long found = total;
            return display(ids).map(page -> new SearchPage(found, query.page(), query.size(), page, facets));
        });
    }

    /** The display rows of the page's clusters, in the page's order. */
    private Uni<List<ClusterHit>> display(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select c.id, c.title, c.author, c.pub_year, c.format, c.language, c.record_count,"
                + " c.holdings from catalog_cluster c where c.id = any($1)")
                .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, ClusterHit> byId = new HashMap<>();
                    rows.forEach(r -> byId.put(r.getLong("id"), hit(r)));
                    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
                });
    }

    private static Conditions conditions(CatalogQuery q) {
        Conditions c = new Conditions();
        if (!q.keywords().isEmpty()) {
            c.add("c.search @@ " + c.param(SearchText.allOf(q.keywords())) + "::tsquery");
        }
        for (Long key : q.identifierKeys()) {
            c.add("c.id in (select r.cluster_id from catalog_match_key k join catalog_record r on r.id = k.record_id"
                    + " where k.key = " + c.param(key) + ")");
        }
        if (q.format() != null) {
            c.add("c.format = " + c.param(q.format()));
        }
        if (q.language() != null) {
            c.add("c.language = " + c.param(q.language()));
        }
        if (q.yearFrom() != null) {
            c.add("c.pub_year >= " + c.param(q.yearFrom()));
        }
        if (q.yearTo() != null) {
            c.add("c.pub_year <= " + c.param(q.yearTo()));
        }
        if (q.memberCode() != null) {
            c.add("c.member_ids @> array[(select id from member_library where lower(code) = lower("
                    + c.param(q.memberCode()) + "))]");
        }
        if (q.lendable() != null) {
            c.add(q.lendable() ? "cardinality(c.lendable_member_ids) > 0" : "cardinality(c.lendable_member_ids) = 0");
        }
        return c;
    }

    public static ClusterHit hit(Row row) {
        Object raw = row.getValue("holdings");
        List<MemberHolding> members = MemberHolding.listOf(raw instanceof JsonArray a ? a : new JsonArray(raw.toString()));
        Short year = row.getShort("pub_year");
        return new ClusterHit(row.getLong("id"), row.getString("title"), row.getString("author"),
                year == null ? null : year.intValue(), row.getString("format"), row.getString("language"),
                row.getInteger("record_count"), members);
    }

    /** SQL conditions with their positional parameters ($1, $2, …). */
    private static final class Conditions {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        String param(Object value) {
            int existing = params.indexOf(value);
            if (existing >= 0) {
                return "$" + (existing + 1);
            }
            params.add(value);
            return "$" + params.size();
        }

        void add(String clause) {
            clauses.add(clause);
        }

        String sql() {
            return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        }

        List<Object> params() {
            return params;
        }
    }
}
