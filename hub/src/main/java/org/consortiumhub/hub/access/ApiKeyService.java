package org.consortiumhub.hub.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.consortiumhub.hub.membership.MemberLibrary;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issues, lists and revokes the API keys member adapters use. */
@ApplicationScoped
public class ApiKeyService {

    /** A newly issued key with its secret, which is never available again. */
    public record IssuedKey(AdapterApiKey key, String token) {
    }

    @WithSession
    public Uni<List<AdapterApiKey>> list(Caller caller, String code) {
        AccessPolicy.manageApiKeys(caller, code);
        return MemberService.require(code)
                .flatMap(member -> AdapterApiKey.list("member.id = ?1 order by createdAt desc, id", member.id));
    }

    @WithTransaction
    public Uni<IssuedKey> issue(Caller caller, String code, String label) {
        AccessPolicy.manageApiKeys(caller, code);
        new FieldChecks().require(label != null && !label.isBlank(), "label", "is required").throwIfAny();
        return MemberService.require(code).flatMap(member -> {
            if (!member.active) {
                throw ProblemException.conflict(null, "member " + member.code + " is inactive; activate it before issuing keys");
            }
            return issue(member, label.trim(), caller.name());
        });
    }

    /** Issues a key without access checks; for the hub's own first start. Needs a transaction. */
    public static Uni<IssuedKey> issue(MemberLibrary member, String label, String issuedBy) {
        ApiKeySecret secret = ApiKeySecret.generate();
        AdapterApiKey key = new AdapterApiKey();
        key.id = secret.keyId();
        key.member = member;
        key.label = label;
        key.secretHash = secret.secretHash();
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        key.createdBy = issuedBy;
        return key.<AdapterApiKey>persist().map(saved -> new IssuedKey(saved, secret.token()));
    }

    @WithTransaction
    public Uni<Void> revoke(Caller caller, String code, String keyId) {
        AccessPolicy.manageApiKeys(caller, code);
        return MemberService.require(code)
                .flatMap(member -> AdapterApiKey.<AdapterApiKey>find("id = ?1 and member.id = ?2", keyId, member.id)
                        .<AdapterApiKey>firstResult())
                .map((AdapterApiKey key) -> {
                    if (key == null) {
                        throw ProblemException.notFound("member " + code + " has no API key '" + keyId + "'");
                    }
                    if (key.revokedAt == null) {
                        key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        key.revokedBy = caller.name();
                    }
                    return (Void) null;
                });
    }
}
