package org.consortiumhub.hub.ill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.consortiumhub.api.model.CopyrightCompliance;
import org.consortiumhub.api.model.IllClosure;
import org.consortiumhub.api.model.IllDocument;
import org.consortiumhub.api.model.IllEvent;
import org.consortiumhub.api.model.IllReasonCount;
import org.consortiumhub.api.model.IllRequest;
import org.consortiumhub.api.model.IllRequestPage;
import org.consortiumhub.api.model.IllRequestSummary;
import org.consortiumhub.api.model.IllRotaLine;
import org.consortiumhub.api.model.IllServiceLevel;
import org.consortiumhub.api.model.IllServiceType;
import org.consortiumhub.api.model.IllStateInfo;
import org.consortiumhub.api.model.IllStateModel;
import org.consortiumhub.api.model.IllTransition;
import org.consortiumhub.api.model.IllTurnaround;
import org.consortiumhub.api.model.LendingPolicyUpdate;
import org.consortiumhub.api.model.NewIllRequest;
import org.consortiumhub.ill.delivery.DocumentDelivery;
import org.consortiumhub.ill.request.NewRequest;
import org.consortiumhub.ill.request.RequestPage;
import org.consortiumhub.ill.request.RequestView;
import org.consortiumhub.ill.rota.Closure;
import org.consortiumhub.ill.rota.LendingPolicy;
import org.consortiumhub.ill.rota.RotaBuilder;
import org.consortiumhub.ill.rota.StoredPolicy;
import org.consortiumhub.ill.state.IllAction;
import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;
import org.consortiumhub.ill.state.StateModel;
import org.consortiumhub.ill.state.Transition;
import org.consortiumhub.ill.stats.IllStatistics;

/** Maps between the API's ILL models and the workflow's. */
final class IllViews {

    private IllViews() {
    }

    static NewRequest newRequest(NewIllRequest r) {
        return new NewRequest(r.getServiceType() == null ? null : ServiceType.valueOf(r.getServiceType().name()),
                r.getClusterId(), r.getTitle(), r.getAuthor(), r.getArticleTitle(), r.getArticleAuthor(), r.getVolume(),
                r.getIssue(), r.getPages(), r.getYear(), r.getIssn(), r.getPatronId(), r.getPatronName(), r.getNeedBefore(),
                r.getServiceLevel() == null ? null : NewRequest.ServiceLevel.valueOf(r.getServiceLevel().name()),
                r.getMaxCost(), r.getNotes(), r.getCopyright() == null ? null : NewRequest.Copyright.valueOf(r.getCopyright().name()),
                Boolean.TRUE.equals(r.getCopyrightPermission()));
    }

    static IllRequest request(RequestView v) {
        IllRequest r = new IllRequest();
        r.setId(v.id());
        r.setServiceType(IllServiceType.valueOf(v.serviceType().name()));
        r.setClusterId(v.clusterId());
        r.setTitle(v.title());
        r.setAuthor(v.author());
        r.setFormat(v.format());
        r.setArticleTitle(v.articleTitle());
        r.setArticleAuthor(v.articleAuthor());
        r.setVolume(v.volume());
        r.setIssue(v.issue());
        r.setPages(v.pages());
        r.setYear(v.year());
        r.setIssn(v.issn());
        r.setPatronId(v.patronId());
        r.setPatronName(v.patronName());
        r.setNeedBefore(v.needBefore());
        r.setServiceLevel(IllServiceLevel.valueOf(v.serviceLevel().name()));
        r.setMaxCost(v.maxCost());
        r.setNotes(v.notes());
        r.setCopyright(v.copyright() == null ? null : CopyrightCompliance.valueOf(v.copyright().name()));
        r.setCopyrightPermission(v.copyrightPermission());
        r.setBorrowerCode(v.borrowerCode());
        r.setLenderCode(v.lenderCode());
        r.setState(v.state().name());
        r.setIsoStatus(v.isoStatus());
        r.setDueDate(v.dueDate());
        r.setDuplicateOf(v.duplicateOf());
        r.setCreatedAt(v.createdAt());
        r.setCreatedBy(v.createdBy());
        r.setUpdatedAt(v.updatedAt());
        r.setVersion(v.version());
        r.setRequesterActions(names(v.requesterActions()));
        r.setSupplierActions(names(v.supplierActions()));
        List<IllEvent> timeline = new ArrayList<>();
        for (RequestView.Event e : v.timeline()) {
            IllEvent ev = new IllEvent();
            ev.setAt(e.at());
            ev.setActor(e.actor());
            ev.setSide(IllEvent.SideEnum.fromValue(e.side()));
            ev.setAction(e.action());
            ev.setFrom(e.from() == null ? null : e.from().name());
            ev.setTo(e.to().name());
            ev.setLenderCode(e.lenderCode());
            ev.setNote(e.note());
            ev.setReason(e.reason());
            timeline.add(ev);
        }
        r.setTimeline(timeline);
        List<IllRotaLine> rota = new ArrayList<>();
        for (RequestView.RotaLine l : v.rota()) {
            IllRotaLine line = new IllRotaLine();
            line.setRound(l.round());
            line.setPosition(l.position());
            line.setMemberCode(l.memberCode());
            line.setExplanation(l.explanation());
            line.setSentAt(l.sentAt());
            line.setOutcome(l.outcome());
            rota.add(line);
        }
        r.setRota(rota);
        r.setRotaOrdering(RotaBuilder.ORDERING);
        return r;
    }

    static IllRequestPage page(RequestPage p) {
        IllRequestPage page = new IllRequestPage();
        page.setTotal(p.total());
        page.setPage(p.page());
        page.setSize(p.size());
        List<IllRequestSummary> list = new ArrayList<>();
        for (RequestPage.Summary s : p.requests()) {
            IllRequestSummary r = new IllRequestSummary();
            r.setId(s.id());
            r.setServiceType(IllServiceType.valueOf(s.serviceType().name()));
            r.setTitle(s.title());
            r.setArticleTitle(s.articleTitle());
            r.setPatronId(s.patronId());
            r.setBorrowerCode(s.borrowerCode());
            r.setLenderCode(s.lenderCode());
            r.setState(s.state().name());
            r.setServiceLevel(IllServiceLevel.valueOf(s.serviceLevel().name()));
            r.setNeedBefore(s.needBefore());
            r.setDueDate(s.dueDate());
            r.setDuplicateOf(s.duplicateOf());
            r.setUpdatedAt(s.updatedAt());
            r.setVersion(s.version());
            list.add(r);
        }
        page.setRequests(list);
        return page;
    }

    static List<IllStateModel> stateModels() {
        List<IllStateModel> models = new ArrayList<>();
        for (StateModel m : List.of(StateModel.RETURNABLE, StateModel.NON_RETURNABLE)) {
            IllStateModel model = new IllStateModel();
            model.setServiceType(IllServiceType.valueOf(m.serviceType().name()));
            model.setReturnable(m.serviceType().returnable());
            Set<RequestState> used = new HashSet<>();
            List<IllTransition> transitions = new ArrayList<>();
            for (Transition t : m.transitions()) {
                used.add(t.from());
                used.add(t.to());
                IllTransition it = new IllTransition();
                it.setFrom(t.from().name());
                it.setAction(t.action().apiName());
                it.setSide(IllTransition.SideEnum.fromValue(t.side().name()));
                it.setTo(t.to().name());
                it.setEffect(t.effect().name());
                transitions.add(it);
            }
            List<IllStateInfo> states = new ArrayList<>();
            for (RequestState s : RequestState.values()) {
                if (used.contains(s)) {
                    IllStateInfo info = new IllStateInfo();
                    info.setState(s.name());
                    info.setIsoStatus(m.isoSupplierStatus(s));
                    info.setTerminal(s.terminal());
                    states.add(info);
                }
            }
            model.setStates(states);
            model.setTransitions(transitions);
            models.add(model);
        }
        return models;
    }

    static LendingPolicy policy(LendingPolicyUpdate u) {
        List<Closure> closures = new ArrayList<>();
        if (u.getClosures() != null) {
            for (IllClosure c : u.getClosures()) {
                closures.add(new Closure(c.getFirstDay(), c.getLastDay(), c.getReason() == null || c.getReason().isBlank()
                        ? null : c.getReason().strip()));
            }
        }
        String url = blankToNull(u.getAvailabilityUrl());
        return new LendingPolicy(Boolean.TRUE.equals(u.getLendsLoans()), Boolean.TRUE.equals(u.getLendsCopies()),
                u.getMaterialTypes() == null ? Set.of() : Set.copyOf(u.getMaterialTypes()), orZero(u.getLoanPeriodDays()),
                u.getMaxActiveLoans(), u.getLoanCost() == null ? java.math.BigDecimal.ZERO : u.getLoanCost(),
                u.getCopyCost() == null ? java.math.BigDecimal.ZERO : u.getCopyCost(), Boolean.TRUE.equals(u.getLastResort()),
                orZero(u.getAnswerDays()), orZero(u.getRushAnswerHours()), closures, url, blankToNull(u.getIso18626Address()));
    }

    static org.consortiumhub.api.model.LendingPolicy policy(StoredPolicy s) {
        LendingPolicy p = s.policy();
        org.consortiumhub.api.model.LendingPolicy v = new org.consortiumhub.api.model.LendingPolicy();
        v.setMemberCode(s.memberCode());
        v.setLendsLoans(p.lendsLoans());
        v.setLendsCopies(p.lendsCopies());
        v.setMaterialTypes(p.materialTypes().stream().sorted().toList());
        v.setLoanPeriodDays(p.loanPeriodDays());
        v.setMaxActiveLoans(p.maxActiveLoans());
        v.setLoanCost(p.loanCost());
        v.setCopyCost(p.copyCost());
        v.setLastResort(p.lastResort());
        v.setAnswerDays(p.answerDays());
        v.setRushAnswerHours(p.rushAnswerHours());
        List<IllClosure> closures = new ArrayList<>();
        for (Closure c : p.closures()) {
            IllClosure ic = new IllClosure();
            ic.setFirstDay(c.firstDay());
            ic.setLastDay(c.lastDay());
            ic.setReason(c.reason());
            closures.add(ic);
        }
        v.setClosures(closures);
        v.setAvailabilityUrl(p.availabilityUrl());
        v.setIso18626Address(p.iso18626Address());
        v.setHasAvailabilitySecret(s.hasAvailabilitySecret());
        v.setUpdatedAt(s.updatedAt());
        v.setUpdatedBy(s.updatedBy());
        return v;
    }

    static IllDocument document(DocumentDelivery.Stored d) {
        IllDocument v = new IllDocument();
        v.setRequestId(d.requestId());
        v.setFileName(d.fileName());
        v.setContentType(d.contentType());
        v.setSize(d.size());
        v.setSha256(d.sha256());
        v.setUploadedAt(d.uploadedAt());
        v.setUploadedBy(d.uploadedBy());
        v.setExpiresAt(d.expiresAt());
        v.setMaxDownloads(d.maxDownloads());
        v.setDownloads(d.downloads());
        v.setLinkIssued(d.linkIssued());
        return v;
    }

    static org.consortiumhub.api.model.IllStatistics statistics(IllStatistics.Figures f) {
        org.consortiumhub.api.model.IllStatistics v = new org.consortiumhub.api.model.IllStatistics();
        v.setMemberCode(f.memberCode());
        v.setFrom(f.from());
        v.setTo(f.to());
        v.setRequests(f.requests());
        v.setFilled(f.filled());
        v.setFillRate(f.fillRate());
        v.setLendingRequests(f.lendingRequests());
        v.setLent(f.lent());
        v.setBorrowed(f.borrowed());
        v.setBalance(f.balance());
        v.setRequestToShipped(turnaround(f.requestToShipped()));
        v.setShippedToReceived(turnaround(f.shippedToReceived()));
        v.setRequestToFilled(turnaround(f.requestToFilled()));
        List<IllReasonCount> reasons = new ArrayList<>();
        for (IllStatistics.ReasonCount r : f.unfilledReasons()) {
            IllReasonCount c = new IllReasonCount();
            c.setReason(r.reason());
            c.setCount(r.count());
            reasons.add(c);
        }
        v.setUnfilledReasons(reasons);
        return v;
    }

    private static IllTurnaround turnaround(IllStatistics.Turnaround t) {
        IllTurnaround v = new IllTurnaround();
        v.setCount(t.count());
        v.setAverageHours(t.averageHours());
        v.setMedianHours(t.medianHours());
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static List<String> names(List<IllAction> actions) {
        return actions.stream().map(IllAction::apiName).toList();
    }
}
