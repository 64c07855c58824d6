package org.consortiumhub.hub.procurement;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.MemberShare;
import org.consortiumhub.api.model.NewPledge;
import org.consortiumhub.api.model.NewProposal;
import org.consortiumhub.api.model.Pledge;
import org.consortiumhub.api.model.Proposal;
import org.consortiumhub.api.model.ProposalDecision;
import org.consortiumhub.api.model.ProposalStatus;
import org.consortiumhub.api.model.ProposalTitle;
import org.consortiumhub.api.model.Purchase;
import org.consortiumhub.api.model.ShareRequest;
import org.consortiumhub.api.model.UsageUpload;
import org.consortiumhub.api.server.ProcurementApi;
import org.consortiumhub.api.server.UsageApi;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Joint procurement and recorded usage over the API: thin mappings onto the services. */
public final class ProcurementResource {

    private ProcurementResource() {
    }

    @Authenticated
    public static class Proposals implements ProcurementApi {

        @Inject
        ProcurementService procurement;

        @Inject
        SecurityIdentity identity;

        @Override
        public Uni<List<Proposal>> listProposals(ProposalStatus status) {
            return Uni.createFrom().deferred(() -> procurement.list(Caller.of(identity), status));
        }

        @Override
        public Uni<Proposal> createProposal(NewProposal newProposal) {
            return Uni.createFrom().deferred(() -> procurement.create(Caller.of(identity), newProposal));
        }

        @Override
        public Uni<Proposal> getProposal(Long proposalId) {
            return Uni.createFrom().deferred(() -> procurement.get(Caller.of(identity), proposalId));
        }

        @Override
        public Uni<Proposal> uploadTitleList(Long proposalId, String body) {
            return Uni.createFrom().deferred(() -> procurement.uploadTitleList(Caller.of(identity), proposalId, body));
        }

        @Override
        public Uni<List<ProposalTitle>> listProposalTitles(Long proposalId, Integer page, Integer size) {
            return Uni.createFrom().deferred(() -> procurement.titles(Caller.of(identity), proposalId,
                    page == null ? 1 : page, size == null ? 100 : size));
        }

        @Override
        public Uni<Pledge> pledge(Long proposalId, String code, NewPledge newPledge) {
            return Uni.createFrom().deferred(() -> procurement.pledge(Caller.of(identity), proposalId, code, newPledge));
        }

        @Override
        public Uni<Void> withdrawPledge(Long proposalId, String code) {
            return Uni.createFrom().deferred(() -> procurement.withdraw(Caller.of(identity), proposalId, code));
        }

        @Override
        public Uni<List<MemberShare>> previewShares(Long proposalId, ShareRequest request) {
            return Uni.createFrom().deferred(() -> procurement.preview(Caller.of(identity), proposalId, request));
        }

        @Override
        public Uni<Proposal> decideProposal(Long proposalId, ProposalDecision decision) {
            return Uni.createFrom().deferred(() -> procurement.decide(Caller.of(identity), proposalId, decision));
        }

        @Override
        public Uni<List<Purchase>> listPurchases(LocalDate from, LocalDate to) {
            return Uni.createFrom().deferred(() -> procurement.purchases(Caller.of(identity), from, to));
        }

        @Override
        public Uni<Purchase> getPurchase(Long purchaseId) {
            return Uni.createFrom().deferred(() -> procurement.purchase(Caller.of(identity), purchaseId));
        }
    }

    @Authenticated
    public static class Usage implements UsageApi {

        @Inject
        UsageService usage;

        @Inject
        SecurityIdentity identity;

        @Override
        public Uni<UsageUpload> uploadUsage(String code, Map<String, Object> report) {
            return Uni.createFrom().deferred(() -> usage.upload(Caller.of(identity), code, report));
        }

        @Override
        public Uni<UsageUpload> uploadTabularUsage(String code, String report) {
            return Uni.createFrom().deferred(() -> usage.uploadTabular(Caller.of(identity), code, report));
        }
    }
}
