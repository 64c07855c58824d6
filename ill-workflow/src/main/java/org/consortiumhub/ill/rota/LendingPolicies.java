package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.match.Format;
import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.IllException.FieldError;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Members' lending policies and closures: read, replaced whole, and loaded for the rota. */
@ApplicationScoped
public class LendingPolicies {

    /** A policy with the adapter secret the live availability check sends; for the rota only. */
    public record PolicyWithSecret(LendingPolicy policy, String availabilitySecret) {
    }

    /** A policy's row with its closures that have not ended before $1 (all of them when $1 is null). */
    private static final String POLICY = "select m.code, p.*, " + closuresColumn("p.member_id", 1)
            + " from ill_lending_policy p join member_library m on m.id = p.member_id";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    public Uni<StoredPolicy> get(String memberCode) {
        return memberId(pool, memberCode).flatMap(id -> pool.preparedQuery(POLICY + " where p.member_id = $2")
                .execute(Tuple.of(null, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("member " + memberCode + " has no lending policy yet");
                    }
                    Row row = rows.iterator().next();
                    return stored(row, closures(row));
                }));
    }

    /**
     * Replaces the member's policy and closures. A null {@code availabilitySecret} keeps the stored one; an empty one
     * removes it.
     */
    public Uni<StoredPolicy> put(String memberCode, LendingPolicy policy, String availabilitySecret, String by) {
        check(policy, availabilitySecret);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.withTransaction(conn -> memberId(conn, memberCode).flatMap(id -> conn.preparedQuery(
                "insert into ill_lending_policy (member_id, lends_loans, lends_copies, material_types, loan_period_days,"
                        + " max_active_loans, loan_cost, copy_cost, last_resort, answer_days, rush_answer_hours,"
                        + " availability_url, availability_secret, updated_at, updated_by, iso18626_address)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $17)"
                        + " on conflict (member_id) do update set lends_loans = $2, lends_copies = $3, material_types = $4,"
                        + " loan_period_days = $5, max_active_loans = $6, loan_cost = $7, copy_cost = $8, last_resort = $9,"
                        + " answer_days = $10, rush_answer_hours = $11, availability_url = $12,"
                        + " availability_secret = case when $16 then ill_lending_policy.availability_secret else $13 end,"
                        + " updated_at = $14, updated_by = $15, iso18626_address = $17")
                .execute(Tuple.tuple(Arrays.asList(id, policy.lendsLoans(), policy.lendsCopies(),
                        policy.materialTypes().stream().sorted().toArray(String[]::new), policy.loanPeriodDays(),
                        policy.maxActiveLoans(), policy.loanCost(), policy.copyCost(), policy.lastResort(), policy.answerDays(),
                        policy.rushAnswerHours(), policy.availabilityUrl(),
                        availabilitySecret == null || availabilitySecret.isEmpty() ? null : availabilitySecret, now, by,
                        availabilitySecret == null, policy.iso18626Address())))
                .flatMap(ignored -> conn.preparedQuery("delete from ill_closure where member_id = $1").execute(Tuple.of(id)))
                .flatMap(ignored -> {
                    if (policy.closures().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Tuple> batch = policy.closures().stream()
                            .map(c -> Tuple.of(id, c.firstDay(), c.lastDay(), c.reason())).toList();
                    return conn.preparedQuery("insert into ill_closure (member_id, first_day, last_day, reason) values ($1, $2, $3, $4)")
                            .executeBatch(batch).replaceWithVoid();
                })))
                .flatMap(ignored -> get(memberCode));
    }

    /** The policies of these members, with closures that have not ended before {@code from}; members without one are absent. */
    public static Uni<Map<Long, PolicyWithSecret>> load(SqlClient sql, List<Long> memberIds, LocalDate from) {
        return sql.preparedQuery(POLICY + " where p.member_id = any($2)").execute(Tuple.of(from, memberIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, PolicyWithSecret> policies = new HashMap<>();
                    for (Row r : rows) {
                        policies.put(r.getLong("member_id"), new PolicyWithSecret(policy(r, closures(r)),
                                r.getString("availability_secret")));
                    }
                    return policies;
                });
    }

    /**
     * A column {@code closures} of the member in {@code memberColumn}: its closures that have not ended before the
     * date in parameter {@code fromParameter} (all when it is null), as a JSON array in date order; {@link #closures(Row)}
     * reads it.
     */
    public static String closuresColumn(String memberColumn, int fromParameter) {
        return "(select coalesce(json_agg(json_build_object('first', c.first_day, 'last', c.last_day, 'reason', c.reason)"
                + " order by c.first_day), '[]') from ill_closure c where c.member_id = " + memberColumn
                + " and ($" + fromParameter + "::date is null or c.last_day >= $" + fromParameter + ")) as closures";
    }

    /** The closures of a row with a {@link #closuresColumn} column. */
    public static List<Closure> closures(Row row) {
        List<Closure> closures = new ArrayList<>();
        for (Object o : (JsonArray) row.getValue("closures")) {
            JsonObject c = (JsonObject) o;
            closures.add(new Closure(LocalDate.parse(c.getString("first")), LocalDate.parse(c.getString("last")),
                    c.getString("reason")));
        }
        return closures;
    }

    /** The id of the member with this code (any case), or a 404 naming it. */
    public static Uni<Long> memberId(SqlClient sql, String code) {
        return sql.preparedQuery("select id from member_library where lower(code) = lower($1)").execute(Tuple.of(code))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("no member library has the code '" + code + "'");
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    private static StoredPolicy stored(Row r, List<Closure> closures) {
        return new StoredPolicy(r.getString("code"), policy(r, closures), r.getString("availability_secret") != null,
                r.getOffsetDateTime("updated_at"), r.getString("updated_by"));
    }

    private static LendingPolicy policy(Row r, List<Closure> closures) {
        String[] types = r.getArrayOfStrings("material_types");
        return new LendingPolicy(r.getBoolean("lends_loans"), r.getBoolean("lends_copies"),
                types == null ? Set.of() : Set.of(types), r.getInteger("loan_period_days"), r.getInteger("max_active_loans"),
                r.getBigDecimal("loan_cost"), r.getBigDecimal("copy_cost"), r.getBoolean("last_resort"),
                r.getInteger("answer_days"), r.getInteger("rush_answer_hours"), closures, r.getString("availability_url"),
                r.getString("iso18626_address"));
    }

    /** Every problem of a policy at once. */
    static void check(LendingPolicy p, String secret) {
        List<FieldError> errors = new ArrayList<>();
        if (p.loanPeriodDays() < 1 || p.loanPeriodDays() > 365) {
            errors.add(new FieldError("loanPeriodDays", "must be between 1 and 365 days"));
        }
        if (p.maxActiveLoans() != null && p.maxActiveLoans() < 0) {
            errors.add(new FieldError("maxActiveLoans", "must not be negative"));
        }
        nonNegative(errors, "loanCost", p.loanCost());
        nonNegative(errors, "copyCost", p.copyCost());
        if (p.answerDays() < 1 || p.answerDays() > 30) {
            errors.add(new FieldError("answerDays", "must be between 1 and 30 business days"));
        }
        if (p.rushAnswerHours() < 1 || p.rushAnswerHours() > 240) {
            errors.add(new FieldError("rushAnswerHours", "must be between 1 and 240 hours"));
        }
        Set<String> formats = new HashSet<>();
        for (Format f : Format.values()) {
            formats.add(f.name());
        }
        for (String t : p.materialTypes()) {
            if (!formats.contains(t)) {
                errors.add(new FieldError("materialTypes", "'" + t + "' is not a catalog format; use " + String.join(", ", formats.stream().sorted().toList())));
            }
        }
        for (int i = 0; i < p.closures().size(); i++) {
            Closure c = p.closures().get(i);
            if (c.firstDay() == null || c.lastDay() == null) {
                errors.add(new FieldError("closures[" + i + "]", "needs firstDay and lastDay"));
            } else if (c.lastDay().isBefore(c.firstDay())) {
                errors.add(new FieldError("closures[" + i + "].lastDay", "is before firstDay"));
            }
        }
        url(errors, "availabilityUrl", p.availabilityUrl());
        url(errors, "iso18626Address", p.iso18626Address());
        if (secret != null && secret.length() > 200) {
            errors.add(new FieldError("availabilitySecret", "is longer than 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw IllException.invalid(errors);
        }
    }

    private static void url(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an http or https URL"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "is not a URL: " + e.getMessage()));
        }
    }

    private static void nonNegative(List<FieldError> errors, String field, BigDecimal value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        }
    }
}
