package org.consortiumhub.hub.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.hub.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who holds what in the union catalog, for the alliance's procurement and preservation work: a cluster's holding
 * members (following a cluster that merged into another), and clusters found by ISBN/ISSN match keys.
 */
@ApplicationScoped
public class CatalogHoldings {

    /** The cluster a stored cluster id stands for now: itself, or the cluster it merged into. */
    public static final String CURRENT_CLUSTER = "coalesce((select into_id from catalog_cluster_merge where retired_id = %s), %s)";

    @Inject
    Pool pool;

    /** The cluster's current id, or a 404 naming it. */
    public Uni<Long> requireCluster(long clusterId, String field) {
        return pool.preparedQuery("select id from catalog_cluster where id = " + CURRENT_CLUSTER.formatted("$1", "$1"))
                .execute(Tuple.of(clusterId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound(field + ": there is no cluster " + clusterId + " in the union catalog");
                    }
                    return rows.iterator().next().getLong(0);
                });
    }

    /** The codes of the members holding the cluster now, in code order; empty when the cluster is gone. */
    public Uni<List<String>> holders(long clusterId) {
        return holders(List.of(clusterId)).map(m -> List.copyOf(m.getOrDefault(clusterId, new TreeSet<>())));
    }

    /** For each stored cluster id (as given, even if it merged since), the codes of the members holding it now. */
    public Uni<Map<Long, TreeSet<String>>> holders(Collection<Long> clusterIds) {
        if (clusterIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select g.id, m.code from unnest($1::bigint[]) as g(id)"
                + " join catalog_cluster c on c.id = " + CURRENT_CLUSTER.formatted("g.id", "g.id")
                + " cross join unnest(c.member_ids) as mid join member_library m on m.id = mid")
                .execute(Tuple.of((Object) clusterIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, TreeSet<String>> holders = new HashMap<>();
                    for (Row r : rows) {
                        holders.computeIfAbsent(r.getLong(0), k -> new TreeSet<>()).add(r.getString(1));
                    }
                    return holders;
                });
    }

    /** For each match key found, the cluster of the records carrying it (the lowest id when several do). */
    public Uni<Map<Long, Long>> clustersByMatchKey(Collection<Long> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select k.key, min(r.cluster_id) from catalog_match_key k"
                + " join catalog_record r on r.id = k.record_id where k.key = any($1) group by k.key")
                .execute(Tuple.of((Object) new ArrayList<>(keys).toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Long> clusters = new HashMap<>();
                    rows.forEach(r -> clusters.put(r.getLong(0), r.getLong(1)));
                    return clusters;
                });
    }
}
