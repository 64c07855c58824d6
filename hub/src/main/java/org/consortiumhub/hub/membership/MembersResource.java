package org.consortiumhub.hub.membership;

import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.Member;
import org.consortiumhub.api.model.MemberUpdate;
import org.consortiumhub.api.model.NewMember;
import org.consortiumhub.api.server.MembersApi;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Authenticated
public class MembersResource implements MembersApi {

    @Inject
    MemberService members;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<List<Member>> listMembers(Boolean active) {
        return members.list(Caller.of(identity), active).map(list -> list.stream().map(MemberViews::toApi).toList());
    }

    @Override
    public Uni<Member> getMember(String code) {
        return members.get(Caller.of(identity), code).map(MemberViews::toApi);
    }

    @Override
    public Uni<Member> createMember(NewMember m) {
        var profile = new MemberService.MemberProfile(m.getName(), m.getRegion(), m.getFte(), m.getMaterialsBudget(),
                m.getContactEmail(), MemberViews.fromApi(m.getShippingAddress()), m.getActive());
        return members.create(Caller.of(identity), m.getCode(), profile).map(MemberViews::toApi);
    }

    @Override
    public Uni<Member> updateMember(String code, MemberUpdate m) {
        var profile = new MemberService.MemberProfile(m.getName(), m.getRegion(), m.getFte(), m.getMaterialsBudget(),
                m.getContactEmail(), MemberViews.fromApi(m.getShippingAddress()), m.getActive());
        return members.update(Caller.of(identity), code, profile).map(MemberViews::toApi);
    }
}
