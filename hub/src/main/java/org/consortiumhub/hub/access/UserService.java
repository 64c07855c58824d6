package org.consortiumhub.hub.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.hub.membership.MemberLibrary;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.problem.UniqueViolation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Staff accounts: created and changed by admins, read as each role allows. */
@ApplicationScoped
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,63}$");

    @Inject
    StaffAccounts accounts;

    /** An account's details as the caller sends them; {@code password} may be null on update. */
    public record AccountDetails(String displayName, String email, StaffRole role, String memberCode, Boolean active,
            String password) {
    }

    @WithSession
    public Uni<List<StaffUser>> list(Caller caller, String memberFilter) {
        String member = AccessPolicy.readableUsersOf(caller, memberFilter);
        if (member == null) {
            return StaffUser.list("order by username");
        }
        return StaffUser.list("lower(member.code) = lower(?1) order by username", member.trim());
    }

    @WithSession
    public Uni<StaffUser> get(Caller caller, String username) {
        return require(username).map(user -> {
            AccessPolicy.readUser(caller, user.username, user.member == null ? null : user.member.code);
            return user;
        });
    }

    @WithTransaction
    public Uni<StaffUser> create(Caller caller, String username, AccountDetails details) {
        AccessPolicy.manageUsers(caller);
        FieldChecks checks = new FieldChecks();
        checks.require(username != null && USERNAME.matcher(username).matches(), "username",
                "must be 3-64 characters: lower-case letters, digits and . _ - (starting with a letter or digit)");
        Passwords.problemWith(details.password()).ifPresent(p -> checks.add("password", p));
        check(details, checks);
        checks.throwIfAny();
        return hashOf(details.password()).flatMap(hash -> StaffUser.<StaffUser>find("username", username).firstResult()
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("username", "username: the account '" + username + "' already exists");
                    }
                    return memberOf(details);
                })
                .flatMap(member -> {
                    StaffUser user = new StaffUser();
                    user.username = username;
                    user.createdAt = now();
                    apply(user, details, member, hash);
                    return user.<StaffUser>persistAndFlush();
                }))
                .onFailure(UniqueViolation::isCauseOf).transform(
                        e -> ProblemException.conflict("username", "username: the account '" + username + "' already exists"));
    }

    /** Changes an account; once committed, this replica's next login check reads it afresh. */
    public Uni<StaffUser> update(Caller caller, String username, AccountDetails details) {
        return change(caller, username, details).invoke(accounts::forgetAll);
    }

    @WithTransaction
    Uni<StaffUser> change(Caller caller, String username, AccountDetails details) {
        AccessPolicy.manageUsers(caller);
        FieldChecks checks = new FieldChecks();
        if (details.password() != null) {
            Passwords.problemWith(details.password()).ifPresent(p -> checks.add("password", p));
        }
        check(details, checks);
        checks.throwIfAny();
        return hashOf(details.password()).flatMap(hash -> require(username).flatMap(user -> memberOf(details).flatMap(member -> {
            boolean stopsBeingActiveAdmin = user.role == StaffRole.ADMIN && user.active
                    && (details.role() != StaffRole.ADMIN || Boolean.FALSE.equals(details.active()));
            Uni<Long> otherAdmins = stopsBeingActiveAdmin
                    ? StaffUser.count("role = ?1 and active = true and id <> ?2", StaffRole.ADMIN, user.id)
                    : Uni.createFrom().item(1L);
            return otherAdmins.map(count -> {
                if (count == 0) {
                    throw ProblemException.conflict("role", "'" + username + "' is the last active admin; the hub must keep one");
                }
                apply(user, details, member, hash);
                return user;
            });
        })));
    }

    private static Uni<StaffUser> require(String username) {
        return StaffUser.<StaffUser>find("username", username == null ? "" : username.trim().toLowerCase()).firstResult()
                .map(u -> {
                    if (u == null) {
                        throw ProblemException.notFound("no staff account is called '" + username + "'");
                    }
                    return u;
                });
    }

    private static void check(AccountDetails d, FieldChecks checks) {
        checks.require(d.displayName() != null && !d.displayName().isBlank(), "displayName", "is required")
                .require(d.email() != null, "email", "is required")
                .email(d.email(), "email")
                .require(d.role() != null, "role", "is required");
        if (d.role() == StaffRole.ILL_STAFF) {
            checks.require(d.memberCode() != null && !d.memberCode().isBlank(), "memberCode",
                    "is required for ILL_STAFF, who act for one member library");
        } else if (d.role() != null) {
            checks.require(d.memberCode() == null, "memberCode",
                    "must be absent for " + d.role() + ", which is not bound to a member library");
        }
    }

    /** The member an ILL staff account is bound to (404 when there is none), or null for other roles. */
    private static Uni<MemberLibrary> memberOf(AccountDetails d) {
        if (d.role() != StaffRole.ILL_STAFF) {
            return Uni.createFrom().nullItem();
        }
        return MemberService.findByCode(d.memberCode()).map(m -> {
            if (m == null) {
                throw ProblemException.invalid("memberCode", "no member library has the code '" + d.memberCode() + "'");
            }
            return m;
        });
    }

    /** bcrypt is slow on purpose, so it runs off the event loop. */
    private static Uni<String> hashOf(String password) {
        return password == null ? Uni.createFrom().nullItem() : OnEventLoop.offload(() -> Passwords.hash(password));
    }

    private static void apply(StaffUser user, AccountDetails d, MemberLibrary member, String passwordHash) {
        user.displayName = d.displayName().trim();
        user.email = d.email().trim();
        user.role = d.role();
        user.member = member;
        user.active = d.active() == null || d.active();
        if (passwordHash != null) {
            user.passwordHash = passwordHash;
        }
        user.updatedAt = now();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
