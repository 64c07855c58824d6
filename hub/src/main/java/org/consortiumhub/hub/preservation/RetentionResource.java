package org.consortiumhub.hub.preservation;

import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.AllocationSuggestion;
import org.consortiumhub.api.model.CommitmentDeprecation;
import org.consortiumhub.api.model.CommitmentImport;
import org.consortiumhub.api.model.CommitmentStatus;
import org.consortiumhub.api.model.NewRetentionCommitment;
import org.consortiumhub.api.model.NewRetentionProgram;
import org.consortiumhub.api.model.RetentionAlert;
import org.consortiumhub.api.model.RetentionCommitment;
import org.consortiumhub.api.model.RetentionProgram;
import org.consortiumhub.api.server.RetentionApi;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Shared print retention over the API: thin mappings onto {@link RetentionService}. */
@Authenticated
public class RetentionResource implements RetentionApi {

    @Inject
    RetentionService retention;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<List<RetentionProgram>> listRetentionPrograms() {
        return Uni.createFrom().deferred(() -> retention.programs(Caller.of(identity)));
    }

    @Override
    public Uni<RetentionProgram> createRetentionProgram(NewRetentionProgram program) {
        return Uni.createFrom().deferred(() -> retention.createProgram(Caller.of(identity), program));
    }

    @Override
    public Uni<List<RetentionCommitment>> listCommitments(Long programId, String member, CommitmentStatus status) {
        return Uni.createFrom().deferred(() -> retention.commitments(Caller.of(identity), programId, member, status));
    }

    @Override
    public Uni<RetentionCommitment> createCommitment(Long programId, NewRetentionCommitment commitment) {
        return Uni.createFrom().deferred(() -> retention.createCommitment(Caller.of(identity), programId, commitment));
    }

    @Override
    public Uni<CommitmentImport> importCommitmentsFrom583(Long programId, String member, Boolean anyAuthorization) {
        return Uni.createFrom().deferred(() -> retention.importFrom583(Caller.of(identity), programId, member,
                Boolean.TRUE.equals(anyAuthorization)));
    }

    @Override
    public Uni<String> exportCommitmentsCsv(Long programId) {
        return Uni.createFrom().deferred(() -> retention.exportCsv(Caller.of(identity), programId));
    }

    @Override
    public Uni<CommitmentImport> importCommitmentsCsv(Long programId, String body) {
        return Uni.createFrom().deferred(() -> retention.importCsv(Caller.of(identity), programId, body));
    }

    @Override
    public Uni<String> exportCommitmentsMarc(Long programId, String member) {
        return Uni.createFrom().deferred(() -> retention.exportMarc(Caller.of(identity), programId, member));
    }

    @Override
    public Uni<List<AllocationSuggestion>> suggestAllocations(Long programId, String member, Integer maxHolders, Integer limit) {
        return Uni.createFrom().deferred(() -> retention.suggestions(Caller.of(identity), programId, member,
                maxHolders == null ? 3 : maxHolders, limit == null ? 100 : limit));
    }

    @Override
    public Uni<RetentionCommitment> deprecateCommitment(Long commitmentId, CommitmentDeprecation deprecation) {
        return Uni.createFrom().deferred(() -> retention.deprecate(Caller.of(identity), commitmentId, deprecation));
    }

    @Override
    public Uni<List<RetentionAlert>> listRetentionAlerts(Integer withinMonths) {
        return Uni.createFrom().deferred(() -> retention.alerts(Caller.of(identity), withinMonths == null ? 12 : withinMonths));
    }
}
