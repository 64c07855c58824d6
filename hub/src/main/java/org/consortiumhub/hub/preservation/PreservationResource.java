package org.consortiumhub.hub.preservation;

import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.FixityCheck;
import org.consortiumhub.api.model.FixityReport;
import org.consortiumhub.api.model.NewContentUnit;
import org.consortiumhub.api.model.NewPreservedCopy;
import org.consortiumhub.api.server.PreservationApi;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Digital preservation duties over the API: thin mappings onto {@link PreservationService}. */
@Authenticated
public class PreservationResource implements PreservationApi {

    @Inject
    PreservationService preservation;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<List<ContentUnit>> listContentUnits(Boolean flagged) {
        return Uni.createFrom().deferred(() -> preservation.list(Caller.of(identity), flagged));
    }

    @Override
    public Uni<ContentUnit> createContentUnit(NewContentUnit unit) {
        return Uni.createFrom().deferred(() -> preservation.create(Caller.of(identity), unit));
    }

    @Override
    public Uni<ContentUnit> getContentUnit(Long unitId) {
        return Uni.createFrom().deferred(() -> preservation.get(Caller.of(identity), unitId));
    }

    @Override
    public Uni<ContentUnit> putPreservedCopy(Long unitId, String code, NewPreservedCopy copy) {
        return Uni.createFrom().deferred(() -> preservation.putCopy(Caller.of(identity), unitId, code, copy));
    }

    @Override
    public Uni<FixityCheck> reportFixityCheck(Long unitId, String code, FixityReport report) {
        return Uni.createFrom().deferred(() -> preservation.report(Caller.of(identity), unitId, code, report));
    }
}
