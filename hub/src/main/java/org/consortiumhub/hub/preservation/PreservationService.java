package org.consortiumhub.hub.preservation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.DigestAlgorithm;
import org.consortiumhub.api.model.FixityCheck;
import org.consortiumhub.api.model.FixityOutcome;
import org.consortiumhub.api.model.FixityReport;
import org.consortiumhub.api.model.NewContentUnit;
import org.consortiumhub.api.model.NewPreservedCopy;
import org.consortiumhub.api.model.PreservedCopy;
import org.consortiumhub.api.model.UnitFlag;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.catalog.CatalogHoldings;
import org.consortiumhub.hub.preservation.FixityRules.CopyState;
import org.consortiumhub.hub.preservation.FixityRules.Outcome;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Digital preservation duties: content units, the members' preserved copies, and the fixity checks they report. */
@ApplicationScoped
public class PreservationService {

    @Inject
    Pool pool;

    @Inject
    CatalogHoldings catalog;

    public Uni<ContentUnit> create(Caller caller, NewContentUnit u) {
        AccessPolicy.manageAlliance(caller, "register preserved content units");
        FieldChecks checks = new FieldChecks();
        checks.require(!u.getName().isBlank(), "name", "must not be blank")
                .require(u.getClusterId() != null || u.getIdentifier() != null && !u.getIdentifier().isBlank(), "clusterId",
                        "give the cluster the unit preserves, or an identifier")
                .throwIfAny();
        Uni<Long> cluster = u.getClusterId() == null ? Uni.createFrom().nullItem() : catalog.requireCluster(u.getClusterId(), "clusterId");
        return cluster.flatMap(clusterId -> pool.preparedQuery("insert into preservation_unit (name, cluster_id, identifier,"
                + " target_copies, fixity_interval_days, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id")
                .execute(Tuple.from(new Object[] { u.getName().strip(), clusterId, blankToNull(u.getIdentifier()),
                        u.getTargetCopies(), u.getFixityIntervalDays(), caller.name(), now() })))
                .flatMap(rows -> load(pool, rows.iterator().next().getLong(0)));
    }

    public Uni<List<ContentUnit>> list(Caller caller, Boolean flagged) {
        AccessPolicy.allianceReadScope(caller, "preserved content units");
        return all().map(units -> units.values().stream()
                .filter(u -> !Boolean.TRUE.equals(flagged) || !u.getFlags().isEmpty()).toList());
    }

    public Uni<ContentUnit> get(Caller caller, long id) {
        AccessPolicy.allianceReadScope(caller, "preserved content units");
        return load(pool, id);
    }

    public Uni<ContentUnit> putCopy(Caller caller, long unitId, String code, NewPreservedCopy c) {
        AccessPolicy.recordForMember(caller, code, "record preserved copies");
        String algorithm = c.getDigestAlgorithm().toString();
        String digest;
        try {
            digest = FixityRules.normalizeDigest(algorithm, c.getDigestValue());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("digestValue", e.getMessage());
        }
        return pool.withTransaction(conn -> unit(conn, unitId).flatMap(unit -> MemberService.row(conn, code).flatMap(member -> {
            LocalDate due = c.getFirstCheckDue() != null ? c.getFirstCheckDue()
                    : today().plusDays(unit.getInteger("fixity_interval_days"));
            return conn.preparedQuery("insert into preservation_copy (unit_id, member_id, location, digest_algorithm, digest_value,"
                    + " next_due, added_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict (unit_id, member_id) do update set"
                    + " location = excluded.location, digest_algorithm = excluded.digest_algorithm,"
                    + " digest_value = excluded.digest_value, next_due = excluded.next_due, last_outcome = null,"
                    + " last_checked_at = null")
                    .execute(Tuple.from(new Object[] { unitId, member.getLong("id"), blankToNull(c.getLocation()), algorithm,
                            digest, due, now() }));
        }))).flatMap(x -> load(pool, unitId));
    }

    public Uni<FixityCheck> report(Caller caller, long unitId, String code, FixityReport r) {
        AccessPolicy.actForMember(caller, code, "report fixity checks");
        OffsetDateTime checkedAt = r.getCheckedAt() == null ? now() : r.getCheckedAt();
        if (checkedAt.isAfter(now().plusMinutes(5))) {
            throw ProblemException.invalid("checkedAt", "must not be in the future (" + checkedAt + ")");
        }
        return pool.withTransaction(conn -> unit(conn, unitId).flatMap(unit -> MemberService.row(conn, code).flatMap(member -> conn
                .preparedQuery("select * from preservation_copy where unit_id = $1 and member_id = $2 for update")
                .execute(Tuple.of(unitId, member.getLong("id")))
                .flatMap(copies -> {
                    if (copies.size() == 0) {
                        throw ProblemException.notFound("member " + member.getString("code") + " holds no copy of content unit "
                                + unitId + "; record the copy first");
                    }
                    Row copy = copies.iterator().next();
                    String computed = null;
                    if (r.getDigestValue() != null && !r.getDigestValue().isBlank()) {
                        try {
                            computed = FixityRules.normalizeDigest(copy.getString("digest_algorithm"), r.getDigestValue());
                        } catch (IllegalArgumentException e) {
                            throw ProblemException.invalid("digestValue", e.getMessage());
                        }
                    }
                    Outcome outcome = FixityRules.effectiveOutcome(Outcome.valueOf(r.getOutcome().name()),
                            copy.getString("digest_value"), computed);
                    LocalDate due = FixityRules.nextDue(outcome, checkedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(),
                            unit.getInteger("fixity_interval_days"));
                    String digest = computed;
                    return conn.preparedQuery("insert into preservation_fixity_check (unit_id, member_id, checked_at, outcome,"
                            + " digest_value, note, reported_by, reported_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                            .execute(Tuple.from(new Object[] { unitId, member.getLong("id"), checkedAt, outcome.name(), digest,
                                    blankToNull(r.getNote()), caller.name(), now() }))
                            // A check older than the last one recorded is kept for the audit but does not set the state.
                            .flatMap(x -> conn.preparedQuery("update preservation_copy set last_checked_at = $3, last_outcome = $4,"
                                    + " next_due = $5 where unit_id = $1 and member_id = $2"
                                    + " and (last_checked_at is null or last_checked_at <= $3)")
                                    .execute(Tuple.of(unitId, member.getLong("id"), checkedAt, outcome.name(), due)))
                            .map(x -> new FixityCheck().unitId(unitId).memberCode(member.getString("code")).checkedAt(checkedAt)
                                    .outcome(FixityOutcome.valueOf(outcome.name())).digestValue(digest)
                                    .note(blankToNull(r.getNote())).reportedBy(caller.name()).nextDue(due));
                }))));
    }

    /** The unit with its copies, the copies' states and the unit's flags as of today. */
    Uni<ContentUnit> load(SqlClient client, long id) {
        return unit(client, id).flatMap(unit -> client.preparedQuery("select c.*, m.code from preservation_copy c"
                + " join member_library m on m.id = c.member_id where c.unit_id = $1 order by m.code").execute(Tuple.of(id))
                .map(rows -> {
                    LocalDate today = today();
                    List<PreservedCopy> copies = new ArrayList<>();
                    List<CopyState> states = new ArrayList<>();
                    for (Row c : rows) {
                        String last = c.getString("last_outcome");
                        CopyState state = new CopyState(last == null ? null : Outcome.valueOf(last), c.getLocalDate("next_due"));
                        states.add(state);
                        copies.add(new PreservedCopy().memberCode(c.getString("code")).location(c.getString("location"))
                                .digestAlgorithm(DigestAlgorithm.fromValue(c.getString("digest_algorithm")))
                                .digestValue(c.getString("digest_value")).lastCheckedAt(c.getOffsetDateTime("last_checked_at"))
                                .lastOutcome(last == null ? null : FixityOutcome.valueOf(last)).nextDue(state.nextDue())
                                .overdue(FixityRules.isOverdue(state, today)));
                    }
                    int target = unit.getInteger("target_copies");
                    return new ContentUnit().id(id).name(unit.getString("name")).clusterId(unit.getLong("cluster_id"))
                            .identifier(unit.getString("identifier")).targetCopies(target)
                            .fixityIntervalDays(unit.getInteger("fixity_interval_days")).copies(copies)
                            .soundCopies((int) states.stream().filter(FixityRules::isSound).count())
                            .flags(FixityRules.flags(target, states, today).stream().map(f -> UnitFlag.valueOf(f.name())).toList());
                }));
    }

    /** Every unit with its copies and flags, by id. */
    public Uni<Map<Long, ContentUnit>> all() {
        return pool.query("select id from preservation_unit order by id").execute().flatMap(rows -> {
            List<Uni<ContentUnit>> each = new ArrayList<>();
            rows.forEach(r -> each.add(load(pool, r.getLong(0))));
            return each.isEmpty() ? Uni.createFrom().item(List.<ContentUnit>of()) : Uni.join().all(each).andFailFast();
        }).map(units -> {
            Map<Long, ContentUnit> byId = new LinkedHashMap<>();
            units.forEach(u -> byId.put(u.getId(), u));
            return byId;
        });
    }

    private static Uni<Row> unit(SqlClient client, long id) {
        return client.preparedQuery("select * from preservation_unit where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("there is no preserved content unit " + id);
            }
            return rows.iterator().next();
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
