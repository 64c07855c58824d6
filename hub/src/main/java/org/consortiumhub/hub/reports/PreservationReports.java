package org.consortiumhub.hub.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.CoverageLine;
import org.consortiumhub.api.model.CoverageStatus;
import org.consortiumhub.api.model.PreservationAuditReport;
import org.consortiumhub.api.model.ProgramCoverage;
import org.consortiumhub.api.model.RetentionAlertKind;
import org.consortiumhub.api.model.RetentionCoverageReport;
import org.consortiumhub.api.model.UnitFlag;
import org.consortiumhub.hub.catalog.CatalogHoldings;
import org.consortiumhub.hub.preservation.PreservationService;
import org.consortiumhub.hub.preservation.RetentionCoverage;
import org.consortiumhub.hub.preservation.RetentionService;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The preservation reports: retention coverage against each program's target, and the digital preservation audit. */
@ApplicationScoped
public class PreservationReports {

    /** Coverage lines are listed worst first. */
    private static final List<CoverageStatus> URGENCY = List.of(CoverageStatus.UNCOVERED, CoverageStatus.GAP, CoverageStatus.MET);

    @Inject
    Pool pool;

    @Inject
    RetentionService retention;

    @Inject
    PreservationService preservation;

    /**
     * Every title with a commitment in a program, with its holders now and the copies still retained: a copy counts
     * while its commitment is active and the member's record is in the catalog.
     */
    public Uni<RetentionCoverageReport> coverage(int withinMonths) {
        String current = CatalogHoldings.CURRENT_CLUSTER.formatted("x.cluster", "x.cluster");
        Uni<List<Row>> lines = pool.query("select p.id, p.name, p.target_copies, x.cluster, x.retained, c.title,"
                + " coalesce(cardinality(c.member_ids), 0) as holders from retention_program p"
                + " left join (select rc.program_id, coalesce(r.cluster_id, rc.cluster_id) as cluster,"
                + "   count(distinct rc.member_id) filter (where rc.status = 'ACTIVE' and r.id is not null) as retained"
                + "   from retention_commitment rc left join catalog_record r on r.member_id = rc.member_id and r.local_id = rc.local_id"
                + "   group by 1, 2) x on x.program_id = p.id"
                + " left join catalog_cluster c on c.id = " + current
                + " order by lower(p.name), x.cluster").execute()
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
        return Uni.combine().all().unis(lines, retention.alerts((String) null, withinMonths)).asTuple().map(t -> {
            Map<Long, ProgramCoverage> programs = new LinkedHashMap<>();
            for (Row r : t.getItem1()) {
                int target = r.getInteger("target_copies");
                ProgramCoverage p = programs.computeIfAbsent(r.getLong("id"), id -> new ProgramCoverage().programId(id)
                        .programName(r.getString("name")).targetCopies(target).titles(0).met(0).gaps(0).uncovered(0)
                        .lines(new ArrayList<>()).expiring(new ArrayList<>()));
                if (r.getLong("cluster") == null) {
                    continue;
                }
                int holders = r.getInteger("holders");
                int retained = r.getLong("retained").intValue();
                RetentionCoverage.Status status = RetentionCoverage.status(target, holders, retained);
                p.titles(p.getTitles() + 1);
                switch (status) {
                    case MET -> p.met(p.getMet() + 1);
                    case GAP -> p.gaps(p.getGaps() + 1);
                    case UNCOVERED -> p.uncovered(p.getUncovered() + 1);
                }
                String title = r.getString("title");
                p.getLines().add(new CoverageLine().clusterId(r.getLong("cluster"))
                        .title(title == null ? "(cluster " + r.getLong("cluster") + " is no longer in the catalog)" : title)
                        .holders(holders).retained(retained).required(RetentionCoverage.requiredCopies(target, holders))
                        .status(CoverageStatus.valueOf(status.name())));
            }
            for (ProgramCoverage p : programs.values()) {
                p.getLines().sort(Comparator.comparingInt((CoverageLine l) -> URGENCY.indexOf(l.getStatus()))
                        .thenComparing(CoverageLine::getClusterId));
            }
            t.getItem2().stream().filter(a -> a.getKind() == RetentionAlertKind.ENDING)
                    .forEach(a -> programs.get(a.getProgramId()).getExpiring().add(a));
            return new RetentionCoverageReport().programs(new ArrayList<>(programs.values()));
        });
    }

    public Uni<PreservationAuditReport> audit() {
        return preservation.all().map(units -> {
            List<ContentUnit> details = new ArrayList<>(units.values());
            return new PreservationAuditReport().units(details.size())
                    .soundUnits((int) details.stream().filter(u -> u.getFlags().isEmpty()).count())
                    .overdueChecks(count(details, UnitFlag.OVERDUE_CHECK)).failedChecks(count(details, UnitFlag.FAILED_CHECK))
                    .belowTarget(count(details, UnitFlag.BELOW_TARGET)).details(details);
        });
    }

    private static int count(List<ContentUnit> units, UnitFlag flag) {
        return (int) units.stream().filter(u -> u.getFlags().contains(flag)).count();
    }
}
