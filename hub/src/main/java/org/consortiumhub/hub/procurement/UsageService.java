package org.consortiumhub.hub.procurement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.UsageUpload;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.procurement.CounterTitleReport.MonthlyCount;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Members' recorded usage (COUNTER R5 title reports), for usage-based cost shares and cost per use. */
@ApplicationScoped
public class UsageService {

    @Inject
    Pool pool;

    /** Records a COUNTER R5 title report sent as JSON. */
    public Uni<UsageUpload> upload(Caller caller, String code, Map<String, Object> body) {
        AccessPolicy.recordForMember(caller, code, "record usage");
        return record(code, readable(() -> CounterTitleReport.read(new JsonObject(body))));
    }

    /** Records a COUNTER R5 title report sent in its tabular form. */
    public Uni<UsageUpload> uploadTabular(Caller caller, String code, String body) {
        AccessPolicy.recordForMember(caller, code, "record usage");
        return record(code, readable(() -> CounterTitleReport.readTabular(body)));
    }

    /** The report, or a 400 naming where it is unreadable (the part of the message before its first colon). */
    private static CounterTitleReport.Report readable(java.util.function.Supplier<CounterTitleReport.Report> reader) {
        try {
            return reader.get();
        } catch (CounterTitleReport.UnreadableReportException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw ProblemException.invalid(colon > 0 ? message.substring(0, colon) : "body",
                    colon > 0 ? message.substring(colon + 2) : message);
        }
    }

    private Uni<UsageUpload> record(String code, CounterTitleReport.Report report) {
        List<MonthlyCount> counts = report.counts();
        int n = counts.size();
        String[] titles = new String[n];
        String[] platforms = new String[n];
        String[] print = new String[n];
        String[] online = new String[n];
        String[] printKeys = new String[n];
        String[] onlineKeys = new String[n];
        String[] metrics = new String[n];
        LocalDate[] months = new LocalDate[n];
        Long[] values = new Long[n];
        Set<String> distinctTitles = new HashSet<>();
        YearMonth first = null;
        YearMonth last = null;
        for (int i = 0; i < n; i++) {
            MonthlyCount c = counts.get(i);
            titles[i] = c.title();
            platforms[i] = c.platform();
            print[i] = truncate(c.printIdentifier());
            online[i] = truncate(c.onlineIdentifier());
            printKeys[i] = key(c.printIdentifier());
            onlineKeys[i] = key(c.onlineIdentifier());
            metrics[i] = c.metricType().length() > 60 ? c.metricType().substring(0, 60) : c.metricType();
            months[i] = c.month().atDay(1);
            values[i] = c.count();
            distinctTitles.add(c.title() + '\u0000' + c.printIdentifier() + '\u0000' + c.onlineIdentifier());
            first = first == null || c.month().isBefore(first) ? c.month() : first;
            last = last == null || c.month().isAfter(last) ? c.month() : last;
        }
        YearMonth firstMonth = first;
        YearMonth lastMonth = last;
        return pool.withTransaction(conn -> MemberService.row(conn, code)
                .flatMap(member -> {
                    if (n == 0) {
                        return Uni.createFrom().item(member.getString("code"));
                    }
                    return conn.preparedQuery("insert into usage_count (member_id, title, platform, print_identifier,"
                            + " online_identifier, print_key, online_key, metric_type, month, count)"
                            + " select $1, * from unnest($2::text[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],"
                            + " $7::varchar[], $8::varchar[], $9::date[], $10::bigint[])"
                            + " on conflict (member_id, platform, title, coalesce(print_identifier, ''),"
                            + " coalesce(online_identifier, ''), metric_type, month) do update set count = excluded.count")
                            .execute(Tuple.from(new Object[] { member.getLong("id"), titles, platforms, print, online, printKeys,
                                    onlineKeys, metrics, months, values }))
                            .replaceWith(member.getString("code"));
                }))
                .map(memberCode -> new UsageUpload().memberCode(memberCode).reportId(report.reportId())
                        .titles(distinctTitles.size()).counts(n)
                        .firstMonth(firstMonth == null ? null : firstMonth.atDay(1))
                        .lastMonth(lastMonth == null ? null : lastMonth.atDay(1)));
    }

    /**
     * Each member's {@value ProcurementService#USAGE_METRIC} of the titles with these identifiers (normalised ISSNs
     * and ISBNs) in the months from {@code from} to {@code to}; keyed by lower-cased member code.
     */
    public Uni<Map<String, Long>> countsByMember(List<String> identifiers, LocalDate from, LocalDate to) {
        if (identifiers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select lower(m.code), sum(u.count) from usage_count u join member_library m on m.id = u.member_id"
                + " where (u.print_key = any($1) or u.online_key = any($1)) and u.metric_type = $2"
                + " and u.month >= $3 and u.month <= $4 group by m.code")
                .execute(Tuple.of(identifiers.toArray(String[]::new), ProcurementService.USAGE_METRIC, from, to))
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
                    return counts;
                });
    }

    /** The identifier as the catalog's match keys have it, or null when it is no valid ISSN or ISBN. */
    static String key(String raw) {
        TitleIdentifier id = TitleIdentifier.parse(raw);
        return id == null ? null : id.value();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 40 ? s : s.substring(0, 40);
    }
}
