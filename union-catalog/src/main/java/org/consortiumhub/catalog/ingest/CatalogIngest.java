package org.consortiumhub.catalog.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.cluster.ClusterEngine;
import org.consortiumhub.catalog.cluster.ClusterPlan;
import org.consortiumhub.catalog.cluster.ClusterSettings;
import org.consortiumhub.catalog.cluster.ClusteredRecord;
import org.consortiumhub.catalog.cluster.MatchRecord;
import org.consortiumhub.catalog.cluster.Neighbourhood;
import org.consortiumhub.catalog.ingest.BatchPreparation.Prepared;
import org.consortiumhub.catalog.ingest.BatchReport.Outcome;
import org.consortiumhub.catalog.ingest.BatchReport.RecordOutcome;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.search.ClusterIndexSync;
import org.consortiumhub.catalog.search.ClusterIndexSync.WrittenChanges;
import org.consortiumhub.catalog.store.CatalogStatistics;
import org.consortiumhub.catalog.store.ProfileCodec;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a member's batch of records in the union catalog and re-forms the clusters it touches, in one
 * transaction: the batch's good records are stored together or not at all, and a batch sent again changes nothing.
 *
 * <p>Batches are written one at a time across the whole consortium (a transaction-scoped advisory lock), because
 * two batches can touch the same cluster. Reading and preparing a batch happens before the lock is taken; inside
 * it, a handful of bulk statements per batch do the work:
 * <ol>
 * <li>the member's stored versions of the batch's records decide created / updated / unchanged / deleted;</li>
 * <li>the stored records sharing a match key with the batch, and every record of their clusters, form the
 * neighbourhood the {@link ClusterEngine} re-clusters;</li>
 * <li>records, keys, cluster assignments and the touched clusters' display and search rows are written.</li>
 * </ol>
 */
@ApplicationScoped
public class CatalogIngest {

    /** The advisory lock held by the transaction writing the catalog; any number uniquely ours will do. */
    public static final long CATALOG_WRITE_LOCK = 0x0C47A106L;
    public static final int DEFAULT_MAX_RECORDS = 10_000;

    private final ClusterEngine engine = new ClusterEngine(ClusterSettings.DEFAULTS);

    @Inject
    Pool pool;

    @Inject
    ClusterIndexSync searchIndex;

    @Inject
    CatalogStatistics statistics;

    /** The member a batch belongs to: the adapter's key decided it. */
    public record Member(long id, String code) {
    }

    public Uni<BatchReport> ingest(Member member, Path body, MarcFormat hint) {
        return Uni.createFrom().item(() -> {
            try (InputStream in = Files.newInputStream(body)) {
                return BatchPreparation.prepare(in, hint, DEFAULT_MAX_RECORDS);
            } catch (IOException e) {
                throw new CatalogException(400, null, "the batch could not be read: " + e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(prepared -> write(member, prepared));
    }

    /** Stores records already in memory as ISO 2709 or MARCXML (the hub's own demo catalog, for one). */
    public Uni<BatchReport> ingest(Member member, byte[] records) {
        return Uni.createFrom().item(() -> BatchPreparation.prepare(new java.io.ByteArrayInputStream(records), null,
                DEFAULT_MAX_RECORDS)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(prepared -> write(member, prepared));
    }

    /** Deletes one record of the member; false when the member has no record with that local id. */
    public Uni<Boolean> delete(Member member, String localId) {
        Prepared prepared = new Prepared(List.of(PreparedRecord.deletion(1, localId)), List.of());
        return write(member, prepared).map(report -> report.count(Outcome.DELETED) == 1);
    }

    /** A batch as stored: its report, and the cluster changes this replica's search index takes (null: read them). */
    private record Stored(BatchReport report, WrittenChanges searchChanges) {

        Stored(BatchReport report) {
            this(report, null);
        }
    }

    /** Stores a prepared batch; once committed, the search index and the catalog's statistics follow. */
    private Uni<BatchReport> write(Member member, Prepared prepared) {
        return pool.withTransaction(conn -> store(conn, member, prepared))
                .onFailure(CatalogIngest::isConcurrentCreate).retry().atMost(3)
                .invoke(stored -> statistics.changed(stored.report().count(Outcome.CREATED)
                        + stored.report().count(Outcome.UPDATED) + stored.report().count(Outcome.DELETED)))
                .call(stored -> searchIndex.refresh(stored.searchChanges()))
                .map(Stored::report);
    }

    private Uni<Stored> store(SqlConnection conn, Member member, Prepared prepared) {
        if (prepared.records().isEmpty()) {
            return Uni.createFrom().item(new Stored(report(member, prepared)));
        }
        String[] localIds = prepared.records().stream().map(PreparedRecord::localId).toArray(String[]::new);
        // The batch's statements are small and planned in a millisecond; JIT compiling them would cost more than it saves.
        // Each is planned for its own arguments: a prepared statement's generic plan, once chosen, is kept for the
        // connection's life, and one chosen while the catalog was small (scanning a table then cheap) slows every
        // batch more as the catalog grows. Nor are they run in parallel: on the catalog lock, starting worker
        // processes costs more than they save, and takes CPU from the batches being prepared meanwhile.
        // The member's row is key-share locked here, once per batch: it stands in for a foreign key checked row by row.
        return conn.preparedQuery("select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true) from member_library where id = $1 for key share")
                .execute(Tuple.of(member.id()))
                .invoke(set -> {
                    if (set.size() == 0) {
                        throw new CatalogException(403, null, "member " + member.code() + " is not a member of this consortium");
                    }
                })
                // The member's stored versions are read before the catalog lock is taken, so that this reading overlaps
                // another batch's writing; under the lock they are checked to be still current.
                .flatMap(set -> storedVersions(conn, member, localIds))
                .flatMap(rows -> {
                    BatchReport report = report(member, prepared);
                    Changes changes = Changes.classify(prepared.records(), rows, report);
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(new Stored(report));
                    }
                    return keysOfCreatesBeforeLock(conn, changes)
                            .flatMap(early -> underLock(conn, changes))
                            .flatMap(locked -> locked.current()
                                    ? apply(conn, member, changes, report, locked)
                                    : withdrawEarlyKeys(conn, changes)
                                            .flatMap(v -> storedVersions(conn, member, localIds))
                                            .flatMap(again -> write(conn, member, prepared, again)));
                });
    }

    /**
     * Numbers the records the batch creates and writes their match keys before the catalog lock is taken: nothing else
     * sees them until the batch commits, and no other record has their ids, so they need no lock, and writing them was
     * about a twelfth of the time a batch held it. Under the lock, the key counts leave these rows out again.
     */
    private static Uni<Void> keysOfCreatesBeforeLock(SqlConnection conn, Changes changes) {
        if (changes.creates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return newIds(conn, "catalog_record_id_seq", changes.creates.size())
                .flatMap(ids -> {
                    changes.assignNewIds(ids);
                    changes.createKeysWritten = true;
                    return ClusterWriter.insertKeys(conn, changes.creates);
                });
    }

    /**
     * The stored versions changed while the batch waited for the lock, so it is classified again: the keys written for
     * records that may no longer be creates are taken back first.
     */
    private static Uni<Void> withdrawEarlyKeys(SqlConnection conn, Changes changes) {
        if (!changes.createKeysWritten) {
            return Uni.createFrom().voidItem();
        }
        return ClusterWriter.deleteKeys(conn, ClusterWriter.KeyRows.of(changes.creates));
    }

    /**
     * What the batch learns as it takes the catalog lock: whether the stored versions it was classified against are
     * still current, the ids of the records it creates (unless they were taken before the lock), ids for the clusters
     * it may create, and how many records hold each match key of the batch ({@code countedKeys}).
     */
    private record Locked(boolean current, long[] recordIds, long[] clusterIds, Set<Long> countedKeys,
            Map<Long, Integer> keyCounts) {
    }

    /**
     * Takes the catalog lock, and sends behind it, without waiting for each answer, the statements whose arguments the
     * batch already knows: PostgreSQL runs them in order, so the check and the counts read the catalog as it is once
     * the lock is held, and the batch spends one round trip on the lock instead of four. Sequence values are taken
     * whatever happens to the transaction; ids a batch does not use are simply never used.
     */
    private static Uni<Locked> underLock(SqlConnection conn, Changes changes) {
        Uni<Boolean> lockedAndCurrent = Uni.combine().all()
                .unis(conn.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(CATALOG_WRITE_LOCK)),
                        stillCurrent(conn, changes))
                .with((lock, current) -> current);
        return idsAndCounts(conn, changes, lockedAndCurrent);
    }

    /** Ids and key counts for {@code changes}, asked for right behind {@code current}, which says whether to go on. */
    private static Uni<Locked> idsAndCounts(SqlConnection conn, Changes changes, Uni<Boolean> current) {
        Set<Long> countedKeys = changes.countedKeys();
        Map<Long, Integer> keyCounts = new HashMap<>();
        int creates = changes.creates.size();
        return Uni.combine().all().unis(current,
                newIds(conn, "catalog_record_id_seq", changes.createKeysWritten ? 0 : creates),
                newIds(conn, "catalog_cluster_id_seq", creates),
                countKeys(conn, countedKeys, keyCounts).invoke(() -> changes.leaveOutEarlyKeys(keyCounts)).replaceWith(true))
                .asTuple()
                .map(t -> new Locked(t.getItem1(), t.getItem2(), t.getItem3(), countedKeys, keyCounts));
    }

    /** Classifies the batch against stored versions read under the lock, and writes what it changes. */
    private Uni<Stored> write(SqlConnection conn, Member member, Prepared prepared, RowSet<Row> stored) {
        BatchReport report = report(member, prepared);
        Changes changes = Changes.classify(prepared.records(), stored, report);
        if (changes.isEmpty()) {
            return Uni.createFrom().item(new Stored(report));
        }
        return idsAndCounts(conn, changes, Uni.createFrom().item(true))
                .flatMap(locked -> apply(conn, member, changes, report, locked));
    }

    private static BatchReport report(Member member, Prepared prepared) {
        BatchReport report = new BatchReport(member.code());
        prepared.rejected().forEach(report::add);
        return report;
    }

    private static Uni<RowSet<Row>> storedVersions(SqlConnection conn, Member member, String[] localIds) {
        return conn.preparedQuery("select id, local_id, content_hash, cluster_id, match_keys from catalog_record"
                + " where member_id = $1 and local_id = any($2)").execute(Tuple.of(member.id(), localIds));
    }

    /**
     * Whether the stored versions the batch was classified against are still the stored ones. Another batch of the
     * same member, written meanwhile, may have changed them; a record it created meanwhile makes this batch's insert
     * fail on the member's local id, and the batch is written again (see {@link #isConcurrentCreate}).
     */
    private static Uni<Boolean> stillCurrent(SqlConnection conn, Changes changes) {
        if (changes.stored.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        Long[] ids = changes.storedIds();
        Long[] hashes = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            hashes[i] = changes.stored.get(ids[i]).contentHash();
        }
        return conn.preparedQuery("select count(*) as n from unnest($1::bigint[], $2::bigint[]) as d(id, hash)"
                + " join catalog_record r on r.id = d.id and r.content_hash = d.hash")
                .execute(Tuple.of(ids, hashes))
                .map(rows -> rows.iterator().next().getLong("n") == ids.length);
    }

    /** A batch that lost the race to create one of its records with another batch of the same member. */
    static boolean isConcurrentCreate(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException e && "23505".equals(e.getSqlState())
                && "catalog_record_member_local_uk".equals(e.getConstraint());
    }

    private Uni<Stored> apply(SqlConnection conn, Member member, Changes changes, BatchReport report, Locked locked) {
        if (!changes.createKeysWritten) {
            changes.assignNewIds(locked.recordIds());
        }
        return recluster(conn, member, changes, locked)
                .map(written -> {
                    changes.report(report, written.clusterOf());
                    return new Stored(report, written.searchChanges());
                });
    }

    /** Gathers the neighbourhood, plans the clusters, writes everything. */
    private Uni<ClusterWriter.Written> recluster(SqlConnection conn, Member member, Changes changes, Locked locked) {
        Set<Long> countedKeys = locked.countedKeys();
        Map<Long, Integer> keyCounts = locked.keyCounts();
        Set<Long> probeKeys = new HashSet<>();
        for (Upsert u : changes.upserts()) {
            for (long k : u.keys) {
                if (!engine.settings().isStopKey(keyCounts.getOrDefault(k, 0))) {
                    probeKeys.add(k);
                }
            }
        }
        // The touched clusters first, as an array, then their records by index: an OR or a join here
        // can make PostgreSQL scan the whole table once it holds many records.
        return conn.preparedQuery("select r.id, r.cluster_id, r.match_keys, r.profile, r.member_id, m.code as member_code,"
                + " r.items, r.lendable_items, r.title, r.author, r.pub_year, r.format, r.language, r.subjects"
                + " from catalog_record r join member_library m on m.id = r.member_id"
                + " where r.cluster_id = any(array(select r2.cluster_id from catalog_match_key k"
                + " join catalog_record r2 on r2.id = k.record_id where k.key = any($1)"
                + " union select cluster_id from catalog_record where id = any($2)))")
                .execute(Tuple.of(probeKeys.toArray(Long[]::new), changes.storedIds()))
                .flatMap(rows -> {
                    Map<Long, NeighbourRow> neighbours = new HashMap<>();
                    Set<Long> more = new HashSet<>();
                    for (Row row : rows) {
                        NeighbourRow n = NeighbourRow.of(row);
                        neighbours.put(n.id, n);
                        Arrays.stream(n.keys).filter(k -> !countedKeys.contains(k)).forEach(more::add);
                    }
                    return countKeys(conn, more, keyCounts).replaceWith(neighbours);
                })
                .flatMap(neighbours -> {
                    ClusterPlan plan = plan(changes, neighbours, keyCounts);
                    return ClusterWriter.write(conn, member, changes, neighbours, plan, locked.clusterIds());
                });
    }

    private ClusterPlan plan(Changes changes, Map<Long, NeighbourRow> neighbours, Map<Long, Integer> keyCounts) {
        List<MatchRecord> upserts = new ArrayList<>();
        for (Upsert u : changes.upserts()) {
            upserts.add(new MatchRecord(u.id, u.record.profile(), u.keys));
        }
        List<ClusteredRecord> existing = new ArrayList<>(neighbours.size());
        for (NeighbourRow n : neighbours.values()) {
            existing.add(new ClusteredRecord(n.clusterId, new MatchRecord(n.id, n.profile, n.keys)));
        }
        long[] temporary = { 0 };
        // Clusters the plan creates get temporary negative ids; ClusterWriter swaps them for sequence values.
        return engine.plan(new Neighbourhood(upserts, changes.deletedIds(), existing, keyCounts), () -> --temporary[0]);
    }

    private static Uni<Void> countKeys(SqlConnection conn, Set<Long> keys, Map<Long, Integer> counts) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("select key, count(*)::int as n from catalog_match_key where key = any($1) group by key")
                .execute(Tuple.of(keys.toArray(Long[]::new)))
                .invoke(rows -> rows.forEach(r -> counts.put(r.getLong("key"), r.getInteger("n"))))
                .replaceWithVoid();
    }

    static Uni<long[]> newIds(SqlConnection conn, String sequence, int n) {
        if (n == 0) {
            return Uni.createFrom().item(new long[0]);
        }
        return conn.preparedQuery("select nextval('" + sequence + "') as id from generate_series(1, $1)")
                .execute(Tuple.of(n))
                .map(rows -> {
                    long[] ids = new long[n];
                    int i = 0;
                    for (Row r : rows) {
                        ids[i++] = r.getLong("id");
                    }
                    return ids;
                });
    }

    /** A record of the batch to create or replace, with the id it has (or gets). */
    static final class Upsert {
        final PreparedRecord record;
        final long[] keys;
        long id;
        final StoredRow replaces;

        Upsert(PreparedRecord record, StoredRow replaces) {
            this.record = record;
            this.keys = record.keys();
            this.replaces = replaces;
            this.id = replaces == null ? 0 : replaces.id;
        }
    }

    /** The stored version of a record of the batch. */
    record StoredRow(long id, String localId, long contentHash, long clusterId, long[] keys) {
    }

    /** A stored record of the neighbourhood, as clustering and the cluster rows need it. */
    static final class NeighbourRow {
        long id;
        long clusterId;
        long[] keys;
        org.consortiumhub.catalog.match.ManifestationProfile profile;
        long memberId;
        String memberCode;
        int items;
        int lendableItems;
        String title;
        String author;
        Integer year;
        String format;
        String language;
        /** The subject headings; null for a record stored before they were kept beside it. */
        List<String> subjects;

        static NeighbourRow of(Row row) {
            NeighbourRow n = new NeighbourRow();
            n.id = row.getLong("id");
            n.clusterId = row.getLong("cluster_id");
            n.keys = toLongs(row.getArrayOfLongs("match_keys"));
            n.profile = ProfileCodec.decode(row.getBuffer("profile").getBytes());
            n.memberId = row.getLong("member_id");
            n.memberCode = row.getString("member_code");
            n.items = row.getInteger("items");
            n.lendableItems = row.getInteger("lendable_items");
            n.title = row.getString("title");
            n.author = row.getString("author");
            Short year = row.getShort("pub_year");
            n.year = year == null ? null : year.intValue();
            n.format = row.getString("format");
            n.language = row.getString("language");
            n.subjects = RecordDisplay.subjectsOfColumn(row.getString("subjects"));
            return n;
        }
    }

    /** What the batch changes, decided against the member's stored records. */
    static final class Changes {
        final List<Upsert> creates = new ArrayList<>();
        final List<Upsert> updates = new ArrayList<>();
        final List<StoredRow> deletes = new ArrayList<>();
        final Map<Long, StoredRow> stored = new HashMap<>();
        private final List<PreparedRecord> deletions = new ArrayList<>();
        /** Whether the creates' ids were taken and their match keys written before the catalog lock. */
        boolean createKeysWritten;

        static Changes classify(List<PreparedRecord> records, RowSet<Row> rows, BatchReport report) {
            Map<String, StoredRow> byLocalId = new HashMap<>();
            for (Row r : rows) {
                StoredRow s = new StoredRow(r.getLong("id"), r.getString("local_id"), r.getLong("content_hash"),
                        r.getLong("cluster_id"), toLongs(r.getArrayOfLongs("match_keys")));
                byLocalId.put(s.localId(), s);
            }
            Changes c = new Changes();
            for (PreparedRecord p : records) {
                StoredRow s = byLocalId.get(p.localId());
                if (p.deletion()) {
                    if (s == null) {
                        report.add(new RecordOutcome(p.position(), p.localId(), Outcome.UNCHANGED, null,
                                null));
                    } else {
                        c.deletes.add(s);
                        c.deletions.add(p);
                        c.stored.put(s.id(), s);
                    }
                } else if (s == null) {
                    c.creates.add(new Upsert(p, null));
                } else if (s.contentHash() == p.contentHash()) {
                    report.add(new RecordOutcome(p.position(), p.localId(), Outcome.UNCHANGED, s.clusterId(), null));
                } else {
                    c.updates.add(new Upsert(p, s));
                    c.stored.put(s.id(), s);
                }
            }
            return c;
        }

        boolean isEmpty() {
            return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
        }

        /** The match keys whose record counts clustering needs before it reads the neighbourhood: the batch's own. */
        Set<Long> countedKeys() {
            Set<Long> keys = new HashSet<>();
            upserts().forEach(u -> Arrays.stream(u.keys).forEach(keys::add));
            stored.values().forEach(s -> Arrays.stream(s.keys).forEach(keys::add));
            return keys;
        }

        /** Takes the keys this batch wrote before the lock out of the counts read under it: they count stored records. */
        void leaveOutEarlyKeys(Map<Long, Integer> keyCounts) {
            if (createKeysWritten) {
                creates.forEach(u -> Arrays.stream(u.keys).forEach(k -> keyCounts.computeIfPresent(k, (key, n) -> n - 1)));
            }
        }

        /** The upserts whose match keys are written with the records, under the lock. */
        List<Upsert> keysToWriteUnderLock() {
            return createKeysWritten ? updates : upserts();
        }

        void assignNewIds(long[] ids) {
            for (int i = 0; i < creates.size(); i++) {
                creates.get(i).id = ids[i];
            }
        }

        List<Upsert> upserts() {
            List<Upsert> all = new ArrayList<>(creates.size() + updates.size());
            all.addAll(creates);
            all.addAll(updates);
            return all;
        }

        Set<Long> deletedIds() {
            Set<Long> ids = new LinkedHashSet<>();
            deletes.forEach(d -> ids.add(d.id()));
            return ids;
        }

        Long[] storedIds() {
            return stored.keySet().toArray(Long[]::new);
        }

        void report(BatchReport report, Map<Long, Long> clusterOf) {
            creates.forEach(u -> report.add(new RecordOutcome(u.record.position(), u.record.localId(), Outcome.CREATED,
                    clusterOf.get(u.id), null)));
            updates.forEach(u -> report.add(new RecordOutcome(u.record.position(), u.record.localId(), Outcome.UPDATED,
                    clusterOf.get(u.id), null)));
            for (int i = 0; i < deletes.size(); i++) {
                report.add(new RecordOutcome(deletions.get(i).position(), deletes.get(i).localId(), Outcome.DELETED, null, null));
            }
        }
    }

    static long[] toLongs(Long[] boxed) {
        long[] values = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
    }
}
