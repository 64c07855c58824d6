package org.consortiumhub.catalog.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.search.ClusterIndex.ClusterDoc;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps this replica's {@link ClusterIndex} in step with the catalog in PostgreSQL. Ingest numbers every cluster it
 * writes or retires ({@code catalog_cluster_change}); the index applies the changes after the last number it holds —
 * at once after a batch this replica stored, and every second for what other replicas stored. An index built from
 * another catalog, or none at all, is rebuilt at start; until it is ready, search runs in PostgreSQL.
 *
 * <p>All index work runs on one thread, so changes are applied in order.
 */
@ApplicationScoped
public class ClusterIndexSync {

    private static final Logger LOG = Logger.getLogger(ClusterIndexSync.class);
    private static final int PAGE = 5_000;
    private static final long COMMIT_EVERY_NANOS = 10_000_000_000L;
    private static final long PRUNE_EVERY_MILLIS = 10 * 60 * 1000;
    private static final Pattern LEXEME = Pattern.compile("'((?:[^']|'')*)'(?::[0-9,]+([ABCD])?)?");
    private static final String CLUSTER = "select c.id, c.title, c.author, c.pub_year, c.format, c.language, c.record_count,"
            + " c.holdings::text as holdings, cardinality(c.lendable_member_ids) > 0 as lendable, c.search::text as search"
            + " from catalog_cluster c";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "catalog.search-index.dir")
    String directory;

    /** How long cluster changes are kept for replicas to apply; a replica stopped for longer rebuilds its index. */
    @ConfigProperty(name = "catalog.change-log.retention-hours", defaultValue = "24")
    int retentionHours;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "catalog-search-index"));
    private ClusterIndex index;
    private String catalog;
    private volatile boolean ready;
    private long lastCommit = System.nanoTime();
    private final AtomicLong appliedFromRows = new AtomicLong();
    private Long timer;
    private Long pruneTimer;

    void start(@Observes StartupEvent started) {
        worker.submit(() -> {
            try {
                index = new ClusterIndex(Path.of(directory));
                catalog = pool.query("select id::text from catalog_identity").execute().await().indefinitely()
                        .iterator().next().getString(0);
                if (!catalog.equals(index.catalog())) {
                    rebuild();
                }
                catchUp();
                ready = true;
                LOG.infof("Search index ready in %s (catalog change %d)", directory, index.seq());
            } catch (RuntimeException e) {
                LOG.error("The search index could not be opened or built; search runs in PostgreSQL", e);
            }
        });
        timer = vertx.setPeriodic(1000, id -> {
            if (ready) {
                worker.submit(this::catchUpQuietly);
            }
        });
        pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MILLIS, id -> worker.submit(this::pruneQuietly));
    }

    public boolean isReady() {
        return ready;
    }

    public ClusterIndex index() {
        return index;
    }

    /**
     * The clusters one committed batch wrote and retired, numbered {@code firstSeq} to {@code lastSeq} in the change log,
     * with the index documents built from the rows it wrote.
     */
    public record WrittenChanges(long firstSeq, long lastSeq, List<ClusterDoc> written, Set<Long> retired) {
    }

    /** Applies the catalog's latest changes; completes when they are searchable here. */
    public Uni<Void> refresh() {
        return refresh(null);
    }

    /**
     * Makes a batch this replica just committed searchable; completes when it is. When the index holds every change
     * before the batch's, the batch's own documents are applied and nothing is read back; otherwise (another replica or
     * batch came between, or {@code changes} is null) the latest changes are read from the catalog.
     */
    public Uni<Void> refresh(WrittenChanges changes) {
        if (!ready) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(CompletableFuture.runAsync(() -> apply(changes), worker));
    }

    private void apply(WrittenChanges changes) {
        if (changes != null && changes.firstSeq() == index.seq() + 1) {
            index.apply(changes.written(), changes.retired(), changes.lastSeq(), catalog);
            appliedFromRows.incrementAndGet();
            commitWhenDue();
        } else if (changes == null || changes.lastSeq() > index.seq()) {
            catchUp();
        }
    }

    /** How many batches this replica's index took from the rows their ingest wrote, without reading them back. */
    public long appliedWithoutReading() {
        return appliedFromRows.get();
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.warn("The search index could not follow the catalog this time; it tries again in a second", e);
        }
    }

    /**
     * Removes cluster changes older than the retention and records how far the log was pruned. Any replica may do it;
     * doing it twice does no harm.
     */
    public Uni<Void> prune() {
        return Uni.createFrom().completionStage(CompletableFuture.runAsync(this::pruneNow, worker));
    }

    private void pruneNow() {
        pool.preparedQuery("with gone as (delete from catalog_cluster_change"
                + " where changed_at < now() - make_interval(hours => $1) returning seq)"
                + " update catalog_change_pruned set upto_seq = greatest(upto_seq, (select coalesce(max(seq), 0) from gone))")
                .execute(Tuple.of(retentionHours)).await().indefinitely();
    }

    private void pruneQuietly() {
        try {
            pruneNow();
        } catch (RuntimeException e) {
            LOG.warn("The catalog's change log could not be pruned this time", e);
        }
    }

    /** How far the change log was pruned, and the last change it numbered (pruned or not). */
    private record LogBounds(long prunedUpTo, long last) {
    }

    private LogBounds logBounds() {
        Row r = pool.query("select upto_seq, greatest(upto_seq, (select coalesce(max(seq), 0) from catalog_cluster_change))"
                + " from catalog_change_pruned").execute().await().indefinitely().iterator().next();
        return new LogBounds(r.getLong(0), r.getLong(1));
    }

    private void catchUp() {
        LogBounds log = logBounds();
        if (log.prunedUpTo() > index.seq()) {
            LOG.infof("The catalog pruned changes this search index had not applied (it was at %d); rebuilding", index.seq());
            rebuild();
        } else if (log.last() < index.seq()) {
            // The catalog's database is older than the index: restored from a backup, say. The index holds clusters
            // the catalog no longer has, and later changes would reuse numbers the index has already applied.
            LOG.warnf("The search index has applied catalog changes up to %d but the catalog's last change is %d"
                    + " (was the database restored from a backup?); rebuilding", index.seq(), log.last());
            rebuild();
        }
        while (true) {
            List<Row> changes = rows(pool.preparedQuery("select seq, cluster_id from catalog_cluster_change where seq > $1"
                    + " order by seq limit 20000").execute(Tuple.of(index.seq())).await().indefinitely());
            if (changes.isEmpty()) {
                break;
            }
            Set<Long> ids = new LinkedHashSet<>();
            changes.forEach(r -> ids.add(r.getLong("cluster_id")));
            long seq = changes.get(changes.size() - 1).getLong("seq");
            List<ClusterDoc> docs = fromCatalog(ids);
            Set<Long> gone = new HashSet<>(ids);
            docs.forEach(d -> gone.remove(d.id()));
            index.apply(docs, gone, seq, catalog);
        }
        commitWhenDue();
    }

    private void commitWhenDue() {
        if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
            index.commit();
            lastCommit = System.nanoTime();
        }
    }

    /** The index documents of these clusters as the catalog holds them now (clusters that no longer exist are left out). */
    public List<ClusterDoc> fromCatalog(Collection<Long> ids) {
        List<ClusterDoc> docs = new ArrayList<>(ids.size());
        for (Row r : pool.preparedQuery(CLUSTER + " where c.id = any($1)").execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                .await().indefinitely()) {
            docs.add(doc(r));
        }
        return docs;
    }

    private void rebuild() {
        long started = System.nanoTime();
        index.clear();
        long seq = logBounds().last();
        long last = 0;
        int count = 0;
        while (true) {
            List<Row> page = rows(pool.preparedQuery(CLUSTER + " where c.id > $1 order by c.id limit " + PAGE)
                    .execute(Tuple.of(last)).await().indefinitely());
            if (page.isEmpty()) {
                break;
            }
            List<ClusterDoc> docs = new ArrayList<>(page.size());
            page.forEach(r -> docs.add(doc(r)));
            last = page.get(page.size() - 1).getLong("id");
            count += page.size();
            // Marked unfinished until the last page: a rebuild cut short is started again at the next start.
            index.apply(docs, List.of(), 0, "rebuilding");
        }
        // Changes made while the pages were read are applied again by the catch-up that follows: harmless.
        index.apply(List.of(), List.of(), seq, catalog);
        index.commit();
        LOG.infof("Search index rebuilt: %d clusters in %d ms", count, (System.nanoTime() - started) / 1_000_000);
    }

    static ClusterDoc doc(Row r) {
        Map<String, Character> display = new LinkedHashMap<>();
        List<String> identifiers = new ArrayList<>();
        Matcher m = LEXEME.matcher(r.getString("search"));
        while (m.find()) {
            String term = m.group(1).replace("''", "'");
            if (m.group(2) == null || m.group(2).charAt(0) == 'D') {
                identifiers.add(term);
            } else {
                display.put(term, m.group(2).charAt(0));
            }
        }
        Short year = r.getShort("pub_year");
        return new ClusterDoc(r.getLong("id"), r.getString("title"), r.getString("author"),
                year == null ? null : year.intValue(), r.getString("format"), r.getString("language"),
                r.getInteger("record_count"), SearchPage.MemberHolding.listOf(new JsonArray(r.getString("holdings"))),
                r.getBoolean("lendable"), display, identifiers);
    }

    private static List<Row> rows(Iterable<Row> result) {
        List<Row> list = new ArrayList<>();
        result.forEach(list::add);
        return list;
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(pruneTimer);
        }
        ready = false;
        try {
            worker.submit(() -> {
                if (index != null) {
                    index.commit();
                    index.close();
                }
            }).get();
        } catch (Exception e) {
            LOG.warn("The search index was not closed cleanly; it is rebuilt or caught up at the next start", e);
        } finally {
            worker.shutdown();
        }
    }
}
