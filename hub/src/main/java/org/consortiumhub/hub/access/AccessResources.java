package org.consortiumhub.hub.access;

import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.ApiKey;
import org.consortiumhub.api.model.CallerKind;
import org.consortiumhub.api.model.IssuedApiKey;
import org.consortiumhub.api.model.NewApiKey;
import org.consortiumhub.api.model.NewUser;
import org.consortiumhub.api.model.Role;
import org.consortiumhub.api.model.User;
import org.consortiumhub.api.model.UserUpdate;
import org.consortiumhub.api.server.AccessApi;
import org.consortiumhub.api.server.ApiKeysApi;
import org.consortiumhub.api.server.UsersApi;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller, staff accounts and adapter keys over the API: thin mappings onto the services. */
public final class AccessResources {

    private AccessResources() {
    }

    @Authenticated
    public static class CallerResource implements AccessApi {

        @Inject
        SecurityIdentity identity;

        @Override
        public Uni<org.consortiumhub.api.model.Caller> getCaller() {
            Caller c = Caller.of(identity);
            var view = new org.consortiumhub.api.model.Caller()
                    .kind(c.isAdapter() ? CallerKind.ADAPTER : CallerKind.USER)
                    .memberCode(c.memberCode())
                    .apiKeyId(c.apiKeyId());
            if (!c.isAdapter()) {
                view.username(c.name()).role(Role.valueOf(c.role().name()));
            }
            return Uni.createFrom().item(view);
        }
    }

    @Authenticated
    public static class UsersResource implements UsersApi {

        @Inject
        UserService users;

        @Inject
        SecurityIdentity identity;

        @Override
        public Uni<List<User>> listUsers(String member) {
            return users.list(Caller.of(identity), member).map(list -> list.stream().map(AccessResources::toApi).toList());
        }

        @Override
        public Uni<User> getUser(String username) {
            return users.get(Caller.of(identity), username).map(AccessResources::toApi);
        }

        @Override
        public Uni<User> createUser(NewUser u) {
            var details = new UserService.AccountDetails(u.getDisplayName(), u.getEmail(), roleOf(u.getRole()),
                    u.getMemberCode(), u.getActive(), u.getPassword());
            return users.create(Caller.of(identity), u.getUsername(), details).map(AccessResources::toApi);
        }

        @Override
        public Uni<User> updateUser(String username, UserUpdate u) {
            var details = new UserService.AccountDetails(u.getDisplayName(), u.getEmail(), roleOf(u.getRole()),
                    u.getMemberCode(), u.getActive(), u.getPassword());
            return users.update(Caller.of(identity), username, details).map(AccessResources::toApi);
        }
    }

    @Authenticated
    public static class ApiKeysResource implements ApiKeysApi {

        @Inject
        ApiKeyService keys;

        @Inject
        SecurityIdentity identity;

        @Override
        public Uni<List<ApiKey>> listApiKeys(String code) {
            return keys.list(Caller.of(identity), code).map(list -> list.stream().map(AccessResources::toApi).toList());
        }

        @Override
        public Uni<IssuedApiKey> createApiKey(String code, NewApiKey newApiKey) {
            return keys.issue(Caller.of(identity), code, newApiKey.getLabel()).map(issued -> {
                AdapterApiKey k = issued.key();
                return new IssuedApiKey().id(k.id).memberCode(k.member.code).label(k.label).createdAt(k.createdAt)
                        .createdBy(k.createdBy).active(true).secret(issued.token());
            });
        }

        @Override
        public Uni<Void> revokeApiKey(String code, String keyId) {
            return keys.revoke(Caller.of(identity), code, keyId);
        }
    }

    private static StaffRole roleOf(Role role) {
        return role == null ? null : StaffRole.valueOf(role.name());
    }

    static User toApi(StaffUser u) {
        return new User().username(u.username).displayName(u.displayName).email(u.email)
                .role(Role.valueOf(u.role.name())).memberCode(u.member == null ? null : u.member.code)
                .active(u.active).createdAt(u.createdAt).lastLoginAt(u.lastLoginAt);
    }

    static ApiKey toApi(AdapterApiKey k) {
        return new ApiKey().id(k.id).memberCode(k.member.code).label(k.label).createdAt(k.createdAt)
                .createdBy(k.createdBy).lastUsedAt(k.lastUsedAt).revokedAt(k.revokedAt).active(k.revokedAt == null);
    }
}
