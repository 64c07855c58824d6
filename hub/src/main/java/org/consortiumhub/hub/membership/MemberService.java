package org.consortiumhub.hub.membership;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.AccessPolicy.MemberEditScope;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.access.StaffAccounts;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.problem.UniqueViolation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Adds, reads and changes member libraries, with each caller's rights checked first. */
@ApplicationScoped
public class MemberService {

    @Inject
    StaffAccounts accounts;

    /** The fields of a member that make up its profile, as the caller sends them. */
    public record MemberProfile(String name, String region, BigDecimal fte, BigDecimal materialsBudget,
            String contactEmail, ShippingAddress shippingAddress, Boolean active) {
    }

    @WithSession
    public Uni<List<MemberLibrary>> list(Caller caller, Boolean active) {
        AccessPolicy.listMembers(caller);
        if (active == null) {
            return MemberLibrary.list("order by code");
        }
        return MemberLibrary.list("active = ?1 order by code", active);
    }

    @WithSession
    public Uni<MemberLibrary> get(Caller caller, String code) {
        AccessPolicy.readMember(caller, code);
        return require(code);
    }

    @WithTransaction
    public Uni<MemberLibrary> create(Caller caller, String code, MemberProfile profile) {
        AccessPolicy.createMember(caller);
        FieldChecks checks = new FieldChecks();
        MemberCode.problemWith(code).ifPresent(p -> checks.add("code", p));
        check(profile, checks);
        checks.throwIfAny();
        String canonical = code.trim();
        return findByCode(canonical).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("code", "code: member " + existing.code + " already exists");
            }
            MemberLibrary member = new MemberLibrary();
            member.code = canonical;
            member.createdAt = now();
            apply(member, profile);
            return member.<MemberLibrary>persistAndFlush();
        }).onFailure(UniqueViolation::isCauseOf).transform(
                e -> ProblemException.conflict("code", "code: member " + canonical + " already exists"));
    }

    /**
     * Changes a member's profile; once committed, this replica's next login check reads its staff afresh (a member
     * made inactive stops its staff acting).
     */
    public Uni<MemberLibrary> update(Caller caller, String code, MemberProfile profile) {
        return change(caller, code, profile).invoke(accounts::forgetAll);
    }

    @WithTransaction
    Uni<MemberLibrary> change(Caller caller, String code, MemberProfile profile) {
        MemberEditScope scope = AccessPolicy.editMember(caller, code);
        FieldChecks checks = new FieldChecks();
        check(profile, checks);
        checks.throwIfAny();
        return require(code).map(member -> {
            if (scope == MemberEditScope.CONTACT_DETAILS) {
                refuseChangesBeyondContactDetails(caller, member, profile);
            }
            apply(member, profile);
            return member;
        });
    }

    /** The member with this code (any case), or a 404 naming it. Needs a session. */
    public static Uni<MemberLibrary> require(String code) {
        return findByCode(code).map(m -> {
            if (m == null) {
                throw ProblemException.notFound("no member library has the code '" + code + "'");
            }
            return m;
        });
    }

    /**
     * The member's row ({@code id, code, active}) by code, for services that work with the SQL client inside their own
     * transaction; a 404 naming the code when there is none.
     */
    public static Uni<Row> row(SqlClient client, String code) {
        return client.preparedQuery("select id, code, active from member_library where lower(code) = lower($1)")
                .execute(Tuple.of(code.strip())).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("no member library has the code '" + code + "'");
                    }
                    return rows.iterator().next();
                });
    }

    public static Uni<MemberLibrary> findByCode(String code) {
        return MemberLibrary.<MemberLibrary>find("lower(code) = lower(?1)", code.trim()).firstResult();
    }

    private static void check(MemberProfile p, FieldChecks checks) {
        checks.require(p.name() != null && !p.name().isBlank(), "name", "is required")
                .require(p.contactEmail() != null, "contactEmail", "is required")
                .email(p.contactEmail(), "contactEmail")
                .require(p.shippingAddress() != null, "shippingAddress", "is required")
                .require(p.fte() == null || p.fte().signum() >= 0, "fte", "must not be negative")
                .require(p.materialsBudget() == null || p.materialsBudget().signum() >= 0, "materialsBudget", "must not be negative");
        ShippingAddress a = p.shippingAddress();
        if (a != null) {
            checks.require(a.line1 != null && !a.line1.isBlank(), "shippingAddress.line1", "is required")
                    .require(a.locality != null && !a.locality.isBlank(), "shippingAddress.locality", "is required")
                    .require(a.postalCode != null && !a.postalCode.isBlank(), "shippingAddress.postalCode", "is required")
                    .require(a.country != null && a.country.matches("[A-Z]{2}"), "shippingAddress.country",
                            "must be an ISO 3166-1 alpha-2 code such as US or GB");
        }
    }

    private static void refuseChangesBeyondContactDetails(Caller caller, MemberLibrary m, MemberProfile p) {
        requireUnchanged(caller, "name", m.name, trim(p.name()));
        requireUnchanged(caller, "region", m.region, trim(p.region()));
        requireUnchanged(caller, "fte", m.fte, p.fte());
        requireUnchanged(caller, "materialsBudget", m.materialsBudget, p.materialsBudget());
        requireUnchanged(caller, "active", m.active, p.active() == null ? Boolean.TRUE : p.active());
    }

    private static void requireUnchanged(Caller caller, String field, Object current, Object wanted) {
        boolean same = current instanceof BigDecimal a && wanted instanceof BigDecimal b
                ? a.compareTo(b) == 0
                : Objects.equals(current, wanted);
        if (!same) {
            throw ProblemException.forbiddenField(field, field + ": " + caller.describe()
                    + " may change only the contact e-mail and ILL shipping address; send the other fields unchanged");
        }
    }

    private static void apply(MemberLibrary m, MemberProfile p) {
        m.name = trim(p.name());
        m.region = trim(p.region());
        m.fte = p.fte();
        m.materialsBudget = p.materialsBudget();
        m.contactEmail = p.contactEmail().trim();
        ShippingAddress a = p.shippingAddress();
        m.shippingAddress = new ShippingAddress(trim(a.line1), trim(a.line2), trim(a.locality), trim(a.region),
                trim(a.postalCode), a.country);
        m.active = p.active() == null || p.active();
        m.updatedAt = now();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
