package org.consortiumhub.catalog.store;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Keeps PostgreSQL's statistics of the catalog tables current while the catalog grows.
 *
 * <p>The planner chooses how to find a batch's neighbours from these statistics. A table never analysed, or analysed
 * when it held a fraction of today's rows, is planned as if it were small: scanning it whole looks cheap, and ingest
 * slows down as the catalog grows (at a million records, a batch's neighbours took 280 ms to read instead of 20 ms).
 * PostgreSQL's autovacuum analyses tables as they change, but it can be switched off, or lag behind a bulk load; so
 * once records numbering half the catalog have changed since the last analysis (and at least
 * {@code catalog.statistics.min-changes}, 5,000), the hub analyses the catalog tables itself, in the background, one
 * analysis at a time: about a dozen analyses while a million records are loaded. At start, it says when autovacuum is
 * off: then nothing reclaims the space of updated and deleted rows.
 */
@ApplicationScoped
public class CatalogStatistics {

    private static final Logger LOG = Logger.getLogger(CatalogStatistics.class);
    /**
     * The columns the catalog's own statements look up and join by. Analysing only these costs a quarter of analysing
     * every column (the MARC, the display text and the search vectors of the clusters need no statistics to be read by
     * key).
     */
    private static final String TABLES = "catalog_record (id, member_id, local_id, cluster_id), catalog_match_key,"
            + " catalog_cluster (id, pub_year, format, language)";
    /** How many records PostgreSQL's statistics say the catalog holds; negative when never analysed. */
    private static final String ANALYSED_RECORDS =
            "(select reltuples::bigint from pg_class where oid = 'catalog_record'::regclass) as analysed_records";

    @Inject
    Pool pool;

    @ConfigProperty(name = "catalog.statistics.min-changes", defaultValue = "5000")
    long minChanges;

    private final AtomicLong changesSince = new AtomicLong();
    private final AtomicBoolean analysing = new AtomicBoolean();
    private final AtomicLong analyses = new AtomicLong();
    private volatile long recordsWhenAnalysed;

    void start(@Observes StartupEvent started) {
        pool.query("select current_setting('autovacuum') = 'on' as autovacuum, " + ANALYSED_RECORDS)
                .execute()
                .subscribe().with(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("autovacuum")) {
                        LOG.warn("PostgreSQL's autovacuum is off: the hub keeps the catalog's statistics current itself,"
                                + " but the space of updated and deleted rows is not reclaimed; turn autovacuum on");
                    }
                    long analysed = row.getLong("analysed_records");
                    if (analysed < 0) {
                        analyse();
                    } else {
                        recordsWhenAnalysed = analysed;
                    }
                }, failure -> LOG.warn("The catalog's statistics could not be checked at start", failure));
    }

    /** Counts records created, updated or deleted; analyses the catalog tables when enough of them changed. */
    public void changed(long records) {
        if (records > 0 && changesSince.addAndGet(records) >= Math.max(minChanges, recordsWhenAnalysed / 2)) {
            analyse();
        }
    }

    /** How many analyses this hub has completed. */
    public long analyses() {
        return analyses.get();
    }

    /** Analyses the catalog tables now, unless an analysis is already running; completes when it is done. */
    public Uni<Void> analyseNow() {
        if (!analysing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long counted = changesSince.get();
        return pool.query("analyze " + TABLES).execute()
                .flatMap(done -> pool.query("select " + ANALYSED_RECORDS).execute())
                .invoke(rows -> {
                    recordsWhenAnalysed = Math.max(0, rows.iterator().next().getLong("analysed_records"));
                    changesSince.addAndGet(-counted);
                    analyses.incrementAndGet();
                })
                .onTermination().invoke(() -> analysing.set(false))
                .replaceWithVoid();
    }

    private void analyse() {
        analyseNow().subscribe().with(done -> {
        }, failure -> LOG.warn("The catalog tables could not be analysed; they are tried again after more changes", failure));
    }
}
