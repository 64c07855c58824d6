package org.consortiumhub.catalog.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.search.SearchPage.ClusterHit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads single records and whole clusters, with their MARC and holdings, for display. */
@ApplicationScoped
public class CatalogReads {

    /** A member's record as stored: identity, cluster, display fields, holdings (JSON) and the MARC itself. */
    public record StoredRecord(String memberCode, String localId, long clusterId, String title, String author, Integer year,
            String format, String language, JsonArray holdings, MarcRecord marc, ManifestationProfile profile,
            OffsetDateTime updatedAt) {
    }

    /** A cluster: its summary as search shows it, the record it is displayed from, and all its records. */
    public record ClusterView(ClusterHit summary, String preferredRecord, List<String> identifiers, List<StoredRecord> records) {
    }

    /** A record's holdings alone: who holds it under which local id, and its copies (JSON as stored). */
    public record RecordHoldings(String memberCode, String localId, JsonArray holdings) {
    }

    /** A cluster's summary and, per record, its holdings, without the records' MARC: what lending decisions need. */
    public record ClusterHoldings(ClusterHit summary, List<RecordHoldings> records) {
    }

    private static final String RECORD = "select m.code, r.local_id, r.cluster_id, r.title, r.author, r.pub_year, r.format,"
            + " r.language, r.holdings, r.marc, r.profile, r.updated_at, r.id from catalog_record r"
            + " join member_library m on m.id = r.member_id";

    @Inject
    Pool pool;

    public Uni<StoredRecord> record(String memberCode, String localId) {
        return pool.preparedQuery(RECORD + " where lower(m.code) = lower($1) and r.local_id = $2")
                .execute(Tuple.of(memberCode, localId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw CatalogException.notFound("member " + memberCode + " has no record with local id '" + localId + "'");
                    }
                    return stored(rows.iterator().next());
                });
    }

    /**
     * A cluster with all its records. A cluster that merged into another is followed there: the answer is the
     * cluster its records now belong to, under that cluster's id.
     */
    public Uni<ClusterView> cluster(long clusterId) {
        Uni<Row> cluster = pool.preparedQuery("select c.id, c.title, c.author, c.pub_year, c.format, c.language,"
                + " c.record_count, c.holdings, c.preferred_record_id from catalog_cluster c"
                + " where c.id = coalesce((select into_id from catalog_cluster_merge where retired_id = $1), $1)")
                .execute(Tuple.of(clusterId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw CatalogException.notFound("there is no cluster " + clusterId);
                    }
                    return rows.iterator().next();
                });
        return cluster.flatMap(c -> pool.preparedQuery(RECORD + " where r.cluster_id = $1 order by m.code, r.local_id")
                .execute(Tuple.of(c.getLong("id")))
                .map(rows -> {
                    List<StoredRecord> records = new ArrayList<>();
                    TreeSet<String> identifiers = new TreeSet<>();
                    String preferred = null;
                    for (Row r : rows) {
                        StoredRecord s = stored(r);
                        records.add(s);
                        if (r.getLong("id").equals(c.getLong("preferred_record_id"))) {
                            preferred = s.memberCode() + "/" + s.localId();
                        }
                        s.profile().oclcNumbers().forEach(v -> identifiers.add("oclc:" + v));
                        s.profile().lccns().forEach(v -> identifiers.add("lccn:" + v));
                        s.profile().isbns().forEach(v -> identifiers.add("isbn:" + v));
                        s.profile().issns().forEach(v -> identifiers.add("issn:" + v));
                    }
                    return new ClusterView(org.consortiumhub.catalog.search.CatalogSearch.hit(c), preferred,
                            List.copyOf(identifiers), records);
                }));
    }

    /**
     * A cluster's summary and every record's holdings, followed to the cluster it merged into like
     * {@link #cluster(long)}, but without reading or decoding the records themselves.
     */
    public Uni<ClusterHoldings> holdings(long clusterId) {
        return pool.preparedQuery("select c.id, c.title, c.author, c.pub_year, c.format, c.language, c.record_count,"
                + " c.holdings from catalog_cluster c"
                + " where c.id = coalesce((select into_id from catalog_cluster_merge where retired_id = $1), $1)")
                .execute(Tuple.of(clusterId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw CatalogException.notFound("there is no cluster " + clusterId);
                    }
                    Row c = rows.iterator().next();
                    return pool.preparedQuery("select m.code, r.local_id, r.holdings from catalog_record r"
                            + " join member_library m on m.id = r.member_id where r.cluster_id = $1 order by m.code, r.local_id")
                            .execute(Tuple.of(c.getLong("id")))
                            .map(records -> {
                                List<RecordHoldings> list = new ArrayList<>();
                                for (Row r : records) {
                                    Object holdings = r.getValue("holdings");
                                    list.add(new RecordHoldings(r.getString("code"), r.getString("local_id"),
                                            holdings instanceof JsonArray a ? a
                                                    : new JsonArray(holdings == null ? "[]" : holdings.toString())));
                                }
                                return new ClusterHoldings(org.consortiumhub.catalog.search.CatalogSearch.hit(c), list);
                            });
                });
    }

    private static StoredRecord stored(Row r) {
        Short year = r.getShort("pub_year");
        Object holdings = r.getValue("holdings");
        return new StoredRecord(r.getString("code"), r.getString("local_id"), r.getLong("cluster_id"), r.getString("title"),
                r.getString("author"), year == null ? null : year.intValue(), r.getString("format"), r.getString("language"),
                holdings instanceof JsonArray a ? a : new JsonArray(holdings == null ? "[]" : holdings.toString()),
                StoredMarc.unpack(r.getBuffer("marc").getBytes()), ProfileCodec.decode(r.getBuffer("profile").getBytes()),
                r.getOffsetDateTime("updated_at"));
    }
}
