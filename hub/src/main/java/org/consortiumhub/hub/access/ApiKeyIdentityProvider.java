package org.consortiumhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks an adapter's API key: it must exist, match, not be revoked, and belong to an active member. Each
 * use is recorded as the key's last-used time (at most once a minute, to keep busy adapters cheap).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String FIND = """
            select k.id, k.secret_hash, k.revoked_at, m.code, m.active
              from adapter_api_key k join member_library m on m.id = k.member_id
             where k.id = $1""";
    private static final String TOUCH = """
            update adapter_api_key set last_used_at = now()
             where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')""";

    @Inject
    Pool pool;

    private final LastUse lastUses = new LastUse();

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        var parsed = ApiKeySecret.parse(request.getToken().getToken());
        if (parsed.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a consortium-hub API key"));
        }
        ApiKeySecret key = parsed.get();
        return pool.preparedQuery(FIND).execute(Tuple.of(key.keyId()))
                .map(RowSet::iterator)
                .map(it -> it.hasNext() ? it.next() : null)
                .flatMap(row -> {
                    if (row == null || !key.matches(row.getString("secret_hash"))
                            || row.getValue("revoked_at") != null || !row.getBoolean("active")) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("unknown or revoked API key"));
                    }
                    if (!lastUses.isDue(key.keyId())) {
                        return Uni.createFrom().item(identityOf(row));
                    }
                    return pool.preparedQuery(TOUCH).execute(Tuple.of(key.keyId())).replaceWith(identityOf(row));
                });
    }

    private static SecurityIdentity identityOf(Row row) {
        String member = row.getString("code");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("adapter:" + member))
                .addRole(Caller.ADAPTER_ROLE)
                .addAttribute(Caller.KIND, Caller.Kind.ADAPTER.name())
                .addAttribute(Caller.MEMBER, member)
                .addAttribute(Caller.API_KEY, row.getString("id"))
                .build();
    }
}
