package org.consortiumhub.catalog.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.consortiumhub.catalog.cluster.ClusterPlan;
import org.consortiumhub.catalog.ingest.CatalogIngest.Changes;
import org.consortiumhub.catalog.ingest.CatalogIngest.Member;
import org.consortiumhub.catalog.ingest.CatalogIngest.NeighbourRow;
import org.consortiumhub.catalog.ingest.CatalogIngest.Upsert;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.search.ClusterIndex.ClusterDoc;
import org.consortiumhub.catalog.search.ClusterIndexSync.WrittenChanges;
import org.consortiumhub.catalog.search.SearchPage.MemberHolding;
import org.consortiumhub.catalog.store.StoredMarc;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes what a batch changes, in bulk: records and their match keys, the records whose cluster changed, the
 * clusters that ended, and the display, holdings and search rows of every cluster the batch touched.
 */
final class ClusterWriter {

    private ClusterWriter() {
    }

    /**
     * What a batch wrote: the final cluster of every record of the neighbourhood, and the cluster changes as this
     * replica's search index takes them (null when they could not be numbered as one run of the change log).
     */
    record Written(Map<Long, Long> clusterOf, WrittenChanges searchChanges) {
    }

    /**
     * Writes the plan. The clusters it creates take their ids from {@code spareIds} (taken from the sequence with the
     * catalog lock), and from the sequence when there are more of them (a batch that splits clusters).
     */
    static Uni<Written> write(SqlConnection conn, Member member, Changes changes, Map<Long, NeighbourRow> neighbours,
            ClusterPlan plan, long[] spareIds) {
        Set<Long> temporary = new HashSet<>();
        plan.clusterOfRecord().values().forEach(id -> {
            if (id < 0) {
                temporary.add(id);
            }
        });
        Uni<long[]> newIds = temporary.size() <= spareIds.length ? Uni.createFrom().item(spareIds)
                : CatalogIngest.newIds(conn, "catalog_cluster_id_seq", temporary.size());
        return newIds.flatMap(ids -> {
            Map<Long, Long> real = new HashMap<>();
            int i = 0;
            for (Long t : temporary.stream().sorted(Comparator.reverseOrder()).toList()) {
                real.put(t, ids[i++]);
            }
            Map<Long, Long> clusterOf = new HashMap<>();
            plan.clusterOfRecord().forEach((record, cluster) -> clusterOf.put(record, real.getOrDefault(cluster, cluster)));
            Map<Long, Long> displayOf = new HashMap<>();
            plan.displayRecordOfCluster().forEach((cluster, record) -> displayOf.put(real.getOrDefault(cluster, cluster), record));
            // Sent together, each statement on its own: the connection runs them in this order without waiting for each
            // answer in between (the catalog lock is held meanwhile), and the first that fails fails the batch. The
            // records' statements go first, so that PostgreSQL runs them while the clusters' rows are being built.
            List<Uni<Void>> recordWrites = new ArrayList<>(List.of(
                    removeOldKeys(conn, changes),
                    deleteRecords(conn, changes),
                    updateRecords(conn, changes.updates, clusterOf),
                    insertRecords(conn, member, changes.creates, clusterOf),
                    insertKeys(conn, changes.keysToWriteUnderLock()),
                    moveRecords(conn, changes, neighbours, clusterOf),
                    retireClusters(conn, plan)));
            recordWrites.addAll(recordMerges(conn, plan.mergedInto(), real));
            Uni<Void> records = Uni.join().all(recordWrites).andFailFast().replaceWithVoid();
            Uni<WrittenChanges> clusters = ClusterRows.build(conn, member, changes, neighbours, clusterOf, displayOf)
                    .flatMap(rows -> Uni.combine().all()
                            .unis(rows.upsert(conn), recordChanges(conn, displayOf.keySet(), plan.retiredClusters(), rows.docs()))
                            .asTuple().map(done -> done.getItem2()));
            return Uni.combine().all().unis(records, clusters).asTuple()
                    .map(done -> new Written(clusterOf, done.getItem2()));
        });
    }

    private static Uni<Void> removeOldKeys(SqlConnection conn, Changes changes) {
        KeyRows rows = new KeyRows();
        changes.stored.values().forEach(s -> rows.add(s.id(), s.keys()));
        return deleteKeys(conn, rows);
    }

    /** Match key rows, (key, record) pairs, as the two arrays the statements unnest. */
    static final class KeyRows {
        private final List<Long> keys = new ArrayList<>();
        private final List<Long> records = new ArrayList<>();

        static KeyRows of(List<Upsert> upserts) {
            KeyRows rows = new KeyRows();
            upserts.forEach(u -> rows.add(u.id, u.keys));
            return rows;
        }

        void add(long record, long[] recordKeys) {
            for (long k : recordKeys) {
                keys.add(k);
                records.add(record);
            }
        }

        Tuple columns() {
            return Tuple.of(keys.toArray(Long[]::new), records.toArray(Long[]::new));
        }
    }

    static Uni<Void> deleteKeys(SqlConnection conn, KeyRows rows) {
        return rows.keys.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("delete from catalog_match_key k using unnest($1::bigint[], $2::bigint[]) as d(key, rec)"
                        + " where k.key = d.key and k.record_id = d.rec").execute(rows.columns()).replaceWithVoid();
    }

    private static Uni<Void> deleteRecords(SqlConnection conn, Changes changes) {
        Long[] deleted = changes.deletedIds().toArray(Long[]::new);
        return deleted.length == 0 ? Uni.createFrom().voidItem()
                : conn.preparedQuery("delete from catalog_record where id = any($1)").execute(Tuple.of((Object) deleted))
                        .replaceWithVoid();
    }

    private static final String RECORD_COLUMNS = "content_hash, match_keys, marc, profile, title, author, pub_year,"
            + " format, language, items, lendable_items, holdings, subjects";

    private static final String UNNEST_RECORDS = "unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bytea[],"
            + " $6::bytea[], $7::text[], $8::text[], $9::smallint[], $10::text[], $11::text[], $12::int[], $13::int[],"
            + " $14::text[], $15::text[], $16::text[])"
            + " as d(id, cluster_id, content_hash, match_keys, marc, profile, title, author, pub_year, format, language,"
            + " items, lendable_items, holdings, local_id, subjects)";

    private static Uni<Void> updateRecords(SqlConnection conn, List<Upsert> updates, Map<Long, Long> clusterOf) {
        if (updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update catalog_record r set cluster_id = d.cluster_id, content_hash = d.content_hash,"
                + " match_keys = d.match_keys::bigint[], marc = d.marc, profile = d.profile, title = d.title,"
                + " author = d.author, pub_year = d.pub_year, format = d.format, language = d.language, items = d.items,"
                + " lendable_items = d.lendable_items, holdings = d.holdings::jsonb, subjects = d.subjects, updated_at = now()"
                + " from " + UNNEST_RECORDS + " where r.id = d.id")
                .execute(recordColumns(updates, clusterOf)).replaceWithVoid();
    }

    private static Uni<Void> insertRecords(SqlConnection conn, Member member, List<Upsert> creates, Map<Long, Long> clusterOf) {
        if (creates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple columns = recordColumns(creates, clusterOf).addLong(member.id());
        return conn.preparedQuery("insert into catalog_record (id, member_id, local_id, cluster_id, " + RECORD_COLUMNS
                + ", updated_at) select d.id, $17, d.local_id, d.cluster_id, d.content_hash, d.match_keys::bigint[], d.marc,"
                + " d.profile, d.title, d.author, d.pub_year, d.format, d.language, d.items, d.lendable_items,"
                + " d.holdings::jsonb, d.subjects, now() from " + UNNEST_RECORDS)
                .execute(columns).replaceWithVoid();
    }

    private static Tuple recordColumns(List<Upsert> upserts, Map<Long, Long> clusterOf) {
        int n = upserts.size();
        Long[] id = new Long[n];
        Long[] cluster = new Long[n];
        Long[] hash = new Long[n];
        String[] keys = new String[n];
        Buffer[] marc = new Buffer[n];
        Buffer[] profile = new Buffer[n];
        String[] title = new String[n];
        String[] author = new String[n];
        Short[] year = new Short[n];
        String[] format = new String[n];
        String[] language = new String[n];
        Integer[] items = new Integer[n];
        Integer[] lendable = new Integer[n];
        String[] holdings = new String[n];
        String[] localId = new String[n];
        String[] subjects = new String[n];
        for (int i = 0; i < n; i++) {
            Upsert u = upserts.get(i);
            PreparedRecord p = u.record;
            id[i] = u.id;
            cluster[i] = clusterOf.get(u.id);
            hash[i] = p.contentHash();
            keys[i] = p.storedKeys();
            marc[i] = Buffer.buffer(p.marc());
            profile[i] = Buffer.buffer(p.storedProfile());
            title[i] = p.display().title();
            author[i] = p.display().author();
            year[i] = p.display().year() == null || p.display().year() > Short.MAX_VALUE ? null : p.display().year().shortValue();
            format[i] = p.display().format();
            language[i] = p.display().language();
            items[i] = p.items();
            lendable[i] = p.lendableItems();
            holdings[i] = p.storedHoldings();
            localId[i] = p.localId();
            subjects[i] = p.display().subjectsColumn();
        }
        return Tuple.tuple(List.of(id, cluster, hash, keys, marc, profile, title, author, year, format, language, items,
                lendable, holdings, localId, subjects));
    }

    static Uni<Void> insertKeys(SqlConnection conn, List<Upsert> upserts) {
        KeyRows rows = KeyRows.of(upserts);
        return rows.keys.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("insert into catalog_match_key (key, record_id) select * from unnest($1::bigint[], $2::bigint[])"
                        + " on conflict do nothing").execute(rows.columns()).replaceWithVoid();
    }

    /** Stored records the batch did not send, but whose cluster the batch merged or split. */
    private static Uni<Void> moveRecords(SqlConnection conn, Changes changes, Map<Long, NeighbourRow> neighbours,
            Map<Long, Long> clusterOf) {
        List<Long> ids = new ArrayList<>();
        List<Long> clusters = new ArrayList<>();
        for (NeighbourRow n : neighbours.values()) {
            Long now = clusterOf.get(n.id);
            if (now != null && now != n.clusterId && !changes.stored.containsKey(n.id)) {
                ids.add(n.id);
                clusters.add(now);
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("update catalog_record r set cluster_id = d.c from unnest($1::bigint[], $2::bigint[]) as d(id, c)"
                + " where r.id = d.id")
                .execute(Tuple.of(ids.toArray(Long[]::new), clusters.toArray(Long[]::new))).replaceWithVoid();
    }

    /**
     * Remembers where merged clusters went, and points older merges into them onward, so following a retired id
     * takes one step.
     */
    private static List<Uni<Void>> recordMerges(SqlConnection conn, Map<Long, Long> mergedInto, Map<Long, Long> real) {
        if (mergedInto.isEmpty()) {
            return List.of();
        }
        List<Long> retired = new ArrayList<>();
        List<Long> into = new ArrayList<>();
        mergedInto.forEach((from, to) -> {
            retired.add(from);
            into.add(real.getOrDefault(to, to));
        });
        Tuple pairs = Tuple.of(retired.toArray(Long[]::new), into.toArray(Long[]::new));
        return List.of(
                conn.preparedQuery("insert into catalog_cluster_merge (retired_id, into_id) select * from unnest($1::bigint[], $2::bigint[])"
                        + " on conflict (retired_id) do update set into_id = excluded.into_id").execute(pairs).replaceWithVoid(),
                conn.preparedQuery("update catalog_cluster_merge m set into_id = d.into_id"
                        + " from unnest($1::bigint[], $2::bigint[]) as d(retired_id, into_id) where m.into_id = d.retired_id")
                        .execute(pairs).replaceWithVoid());
    }

    /**
     * Numbers the clusters written and retired, for the replicas' search indexes to follow; gives them as this replica's
     * index takes them, built from the rows just written instead of read back, when the numbers form one run (they do
     * while the catalog lock is held) and every written cluster has its index document.
     */
    private static Uni<WrittenChanges> recordChanges(SqlConnection conn, Set<Long> written, Set<Long> retired,
            Map<Long, ClusterDoc> docs) {
        List<Long> ids = new ArrayList<>(written);
        ids.addAll(retired);
        if (ids.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return conn.preparedQuery("insert into catalog_cluster_change (cluster_id) select unnest($1::bigint[]) order by 1"
                + " returning seq")
                .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                .map(rows -> {
                    long first = Long.MAX_VALUE;
                    long last = Long.MIN_VALUE;
                    for (Row r : rows) {
                        first = Math.min(first, r.getLong("seq"));
                        last = Math.max(last, r.getLong("seq"));
                    }
                    List<ClusterDoc> writtenDocs = new ArrayList<>(written.size());
                    for (Long id : written) {
                        ClusterDoc doc = docs.get(id);
                        if (doc == null) {
                            return null;
                        }
                        writtenDocs.add(doc);
                    }
                    return last - first + 1 == ids.size() ? new WrittenChanges(first, last, writtenDocs, retired) : null;
                });
    }

    private static Uni<Void> retireClusters(SqlConnection conn, ClusterPlan plan) {
        if (plan.retiredClusters().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("delete from catalog_cluster where id = any($1)")
                .execute(Tuple.of((Object) plan.retiredClusters().toArray(Long[]::new))).replaceWithVoid();
    }

    /** Builds the display, holdings and search row of every touched cluster from its records. */
    static final class ClusterRows {

        private ClusterRows() {
        }

        /**
         * What a cluster row needs to know of one of its records; {@code terms} are worked out beforehand for the
         * records of the batch, and null for stored ones (worked out here when needed).
         */
        private record Part(long id, long memberId, String memberCode, int items, int lendable, ManifestationProfile profile,
                RecordDisplay display, RecordTerms terms) {

            Map<String, Character> displayTerms() {
                return terms != null ? terms.display() : RecordTerms.display(display);
            }

            List<String> identifierTerms() {
                return terms != null ? terms.identifiers() : RecordTerms.identifiers(profile);
            }
        }

        /** The rows to write, as the statement's columns, and each row's search index document. */
        record Built(Tuple columns, Map<Long, ClusterDoc> docs) {

            Uni<Void> upsert(SqlConnection conn) {
                return conn.preparedQuery(UPSERT).execute(columns).replaceWithVoid();
            }
        }

        private static final String UPSERT = "insert into catalog_cluster (id, preferred_record_id, title, author, pub_year,"
                + " format, language, record_count, member_ids, lendable_member_ids, holdings, search, updated_at)"
                + " select d.id, d.preferred, d.title, d.author, d.pub_year, d.format, d.language, d.record_count,"
                + " d.member_ids::bigint[], d.lendable_ids::bigint[], d.holdings::jsonb, d.search::tsvector, now()"
                + " from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[],"
                + " $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])"
                + " as d(id, preferred, title, author, pub_year, format, language, record_count, member_ids, lendable_ids,"
                + " holdings, search)"
                + " on conflict (id) do update set preferred_record_id = excluded.preferred_record_id,"
                + " title = excluded.title, author = excluded.author, pub_year = excluded.pub_year,"
                + " format = excluded.format, language = excluded.language, record_count = excluded.record_count,"
                + " member_ids = excluded.member_ids, lendable_member_ids = excluded.lendable_member_ids,"
                + " holdings = excluded.holdings, search = excluded.search, updated_at = excluded.updated_at";

        /** Builds the rows (reading only the subjects of records stored before they were kept beside them). */
        static Uni<Built> build(SqlConnection conn, Member member, Changes changes, Map<Long, NeighbourRow> neighbours,
                Map<Long, Long> clusterOf, Map<Long, Long> displayOf) {
            Map<Long, Part> parts = new HashMap<>();
            for (NeighbourRow n : neighbours.values()) {
                if (clusterOf.containsKey(n.id)) {
                    parts.put(n.id, new Part(n.id, n.memberId, n.memberCode, n.items, n.lendableItems, n.profile,
                            new RecordDisplay(n.title, n.author, n.year, n.format, n.language,
                                    n.subjects == null ? List.of() : n.subjects), null));
                }
            }
            for (Upsert u : changes.upserts()) {
                parts.put(u.id, new Part(u.id, member.id(), member.code(), u.record.items(), u.record.lendableItems(),
                        u.record.profile(), u.record.display(), u.record.terms()));
            }
            // Records stored before their subjects were kept beside them: read those from the MARC of display records.
            List<Long> needSubjects = new ArrayList<>();
            displayOf.values().forEach(id -> {
                Part p = parts.get(id);
                NeighbourRow n = neighbours.get(id);
                if (p != null && n != null && n.subjects == null && !changes.stored.containsKey(id)) {
                    needSubjects.add(id);
                }
            });
            return subjectsOf(conn, needSubjects, parts).map(v -> rows(parts, clusterOf, displayOf));
        }

        private static Uni<Void> subjectsOf(SqlConnection conn, List<Long> ids, Map<Long, Part> parts) {
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return conn.preparedQuery("select id, marc from catalog_record where id = any($1)")
                    .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                    .invoke(rows -> {
                        for (Row r : rows) {
                            Part p = parts.get(r.getLong("id"));
                            RecordDisplay full = RecordDisplay.of(StoredMarc.unpack(r.getBuffer("marc").getBytes()), p.profile());
                            parts.put(p.id(), new Part(p.id(), p.memberId(), p.memberCode(), p.items(), p.lendable(), p.profile(),
                                    full, null));
                        }
                    })
                    .replaceWithVoid();
        }

        private static Built rows(Map<Long, Part> parts, Map<Long, Long> clusterOf, Map<Long, Long> displayOf) {
            Map<Long, List<Part>> byCluster = new LinkedHashMap<>();
            clusterOf.forEach((record, cluster) -> {
                Part p = parts.get(record);
                if (p != null) {
                    byCluster.computeIfAbsent(cluster, c -> new ArrayList<>()).add(p);
                }
            });
            int n = byCluster.size();
            Long[] id = new Long[n];
            Long[] preferred = new Long[n];
            String[] title = new String[n];
            String[] author = new String[n];
            Short[] year = new Short[n];
            String[] format = new String[n];
            String[] language = new String[n];
            Integer[] count = new Integer[n];
            String[] memberIds = new String[n];
            String[] lendableIds = new String[n];
            String[] holdings = new String[n];
            String[] search = new String[n];
            Map<Long, ClusterDoc> docs = new HashMap<>(n * 2);
            int i = 0;
            for (Map.Entry<Long, List<Part>> e : byCluster.entrySet()) {
                List<Part> records = e.getValue();
                Long displayId = displayOf.get(e.getKey());
                Part display = displayId != null && parts.containsKey(displayId) ? parts.get(displayId) : records.get(0);
                RecordDisplay d = display.display();
                id[i] = e.getKey();
                preferred[i] = display.id();
                title[i] = d.title() == null ? "[no title]" : d.title();
                author[i] = d.author();
                year[i] = d.year() == null || d.year() > Short.MAX_VALUE ? null : d.year().shortValue();
                format[i] = d.format();
                language[i] = d.language();
                count[i] = records.size();
                List<MemberHolding> summary = holdingsSummary(records);
                holdings[i] = MemberHolding.json(summary);
                memberIds[i] = records.stream().map(p -> String.valueOf(p.memberId())).distinct()
                        .collect(Collectors.joining(",", "{", "}"));
                lendableIds[i] = records.stream().filter(p -> p.lendable() > 0).map(p -> String.valueOf(p.memberId()))
                        .distinct().collect(Collectors.joining(",", "{", "}"));
                SearchTerms terms = SearchTerms.of(display, records);
                search[i] = terms.vector();
                docs.put(id[i], new ClusterDoc(id[i], title[i], author[i], year[i] == null ? null : year[i].intValue(), format[i],
                        language[i], count[i], summary, records.stream().anyMatch(p -> p.lendable() > 0), terms.display(),
                        terms.identifiers()));
                i++;
            }
            return new Built(Tuple.tuple(List.of(id, preferred, title, author, year, format, language, count, memberIds,
                    lendableIds, holdings, search)), docs);
        }

        /** What each member holds of a cluster, in member code order. */
        private static List<MemberHolding> holdingsSummary(List<Part> records) {
            Map<String, int[]> perMember = new TreeMap<>();
            for (Part p : records) {
                int[] sums = perMember.computeIfAbsent(p.memberCode(), c -> new int[2]);
                sums[0] += p.items();
                sums[1] += p.lendable();
            }
            List<MemberHolding> summary = new ArrayList<>(perMember.size());
            perMember.forEach((code, sums) -> summary.add(new MemberHolding(code, sums[0], sums[1])));
            return summary;
        }

        /**
         * The cluster's search terms: the words of its display record, title words weighing most (A), then author (B)
         * and subjects (C), and the words of the identifiers of every record of the cluster that are not among them (D).
         */
        record SearchTerms(Map<String, Character> display, Collection<String> identifiers) {

            static SearchTerms of(Part display, List<Part> records) {
                Map<String, Character> shown = display.displayTerms();
                Set<String> identifiers = new LinkedHashSet<>();
                for (Part p : records) {
                    for (String term : p.identifierTerms()) {
                        if (!shown.containsKey(term)) {
                            identifiers.add(term);
                        }
                    }
                }
                return new SearchTerms(shown, identifiers);
            }

            /** As a tsvector literal, for the clusters table. */
            String vector() {
                StringBuilder literal = new StringBuilder();
                display.forEach((token, weight) -> lexeme(literal, token, weight));
                identifiers.forEach(token -> lexeme(literal, token, 'D'));
                return literal.toString();
            }

            private static void lexeme(StringBuilder literal, String token, char weight) {
                if (literal.length() > 0) {
                    literal.append(' ');
                }
                literal.append('\'').append(token).append("':1").append(weight);
            }
        }
    }
}
