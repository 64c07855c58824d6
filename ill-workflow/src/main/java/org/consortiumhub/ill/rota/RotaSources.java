package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.store.CatalogReads;
import org.consortiumhub.catalog.store.CatalogReads.ClusterHoldings;
import org.consortiumhub.catalog.store.CatalogReads.RecordHoldings;
import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.rota.LendingPolicies.PolicyWithSecret;
import org.consortiumhub.ill.state.ServiceType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Gathers what the rota weighs (the cluster's holdings per member from the union catalog, lending policies and
 * closures, each member's load, live availability from adapters) and hands it to {@link RotaBuilder}.
 */
@ApplicationScoped
public class RotaSources {

    /** The catalog's description of what is asked for; the format in the policies' words (BOOK, SCORE, …). */
    public record Subject(long clusterId, String title, String author, Integer year, String format, ClusterHoldings cluster) {
    }

    private record Held(List<String> localIds, int copies, int lendable) {
    }

    @Inject
    Pool pool;

    @Inject
    CatalogReads catalog;

    @Inject
    LiveAvailability live;

    @Inject
    LendingBalance balance;

    @Inject
    Clock clock;

    /** The cluster asked for; an unknown cluster is the caller's mistake (400 naming the field). */
    public Uni<Subject> subject(long clusterId) {
        return catalog.holdings(clusterId)
                .onFailure(CatalogException.class).transform(e -> ((CatalogException) e).status() == 404
                        ? IllException.invalid("clusterId", "the union catalog has no cluster " + clusterId)
                        : e)
                .map(c -> new Subject(c.summary().clusterId(), c.summary().title(), c.summary().author(), c.summary().year(),
                        c.summary().format() == null ? null : c.summary().format().toUpperCase(Locale.ROOT), c));
    }

    /** The rota for a request of this member; {@code subject} null for a citation the catalog does not have. */
    public Uni<Rota> rota(ServiceType type, long requesterId, Subject subject, BigDecimal maxCost) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Held> held = subject == null ? Map.of() : held(subject.cluster());
        Uni<List<Row>> members = subject == null
                ? rows("select m.id, m.code from member_library m join ill_lending_policy p on p.member_id = m.id"
                        + " where m.active and (case when $1 = 'LOAN' then p.lends_loans else p.lends_copies end) order by m.code",
                        Tuple.of(type.name()))
                : rows("select id, code from member_library where active and code = any($1) order by code",
                        Tuple.of((Object) held.keySet().toArray(String[]::new)));
        return members.flatMap(rows -> {
            List<Long> ids = rows.stream().map(r -> r.getLong("id")).toList();
            return Uni.combine().all().unis(LendingPolicies.load(pool, ids, today), balance.of(ids)).asTuple().flatMap(both -> {
                Map<Long, PolicyWithSecret> policies = both.getItem1();
                Map<Long, LendingBalance.Load> loads = both.getItem2();
                List<Uni<RotaCandidate>> candidates = new ArrayList<>();
                for (Row r : rows) {
                    long id = r.getLong("id");
                    String code = r.getString("code");
                    Held h = held.getOrDefault(code, new Held(List.of(), 0, 0));
                    PolicyWithSecret p = policies.get(id);
                    LendingBalance.Load load = loads.get(id);
                    candidates.add(availability(code, p, h, id == requesterId).map(a -> new RotaCandidate(id, code,
                            p == null ? null : p.policy(), h.copies(), h.lendable(), load.active(), load.lent(), load.borrowed(), a)));
                }
                Uni<List<RotaCandidate>> all = candidates.isEmpty() ? Uni.createFrom().item(List.of())
                        : Uni.join().all(candidates).andFailFast();
                return all.map(list -> RotaBuilder.build(new RotaRequest(type, requesterId,
                        subject == null ? null : subject.format(), subject != null, today, maxCost), list));
            });
        });
    }

    private Uni<Availability> availability(String code, PolicyWithSecret p, Held held, boolean requester) {
        if (requester || p == null || p.policy().availabilityUrl() == null || held.localIds().isEmpty()) {
            return Uni.createFrom().item(Availability.notConfigured());
        }
        return live.check(code, p.policy().availabilityUrl(), p.availabilitySecret(), held.localIds())
                .onFailure().recoverWithItem(e -> Availability.unreachable(e.getMessage()));
    }

    private Uni<List<Row>> rows(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rs -> {
            List<Row> list = new ArrayList<>();
            rs.forEach(list::add);
            return list;
        });
    }

    /**
     * What each member holds of the cluster: its record ids (for the adapter's availability check), copies that are
     * not missing, and those that may go out on loan. A record without item or holdings data counts as one copy of
     * unknown status: the member catalogued it, so it is asked.
     */
    private static Map<String, Held> held(ClusterHoldings cluster) {
        Map<String, Held> held = new LinkedHashMap<>();
        for (RecordHoldings r : cluster.records()) {
            int copies = 0;
            int lendable = 0;
            if (r.holdings().isEmpty()) {
                copies = 1;
                lendable = 1;
            }
            for (int i = 0; i < r.holdings().size(); i++) {
                JsonObject h = r.holdings().getJsonObject(i);
                if ("MISSING".equals(h.getString("status"))) {
                    continue;
                }
                copies++;
                if (Boolean.TRUE.equals(h.getBoolean("lendable"))) {
                    lendable++;
                }
            }
            Held before = held.get(r.memberCode());
            List<String> ids = new ArrayList<>(before == null ? List.of() : before.localIds());
            ids.add(r.localId());
            held.put(r.memberCode(), new Held(ids, copies + (before == null ? 0 : before.copies()),
                    lendable + (before == null ? 0 : before.lendable())));
        }
        return held;
    }
}
