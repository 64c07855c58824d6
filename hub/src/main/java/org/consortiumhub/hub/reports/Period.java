package org.consortiumhub.hub.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.consortiumhub.api.model.ReportPeriod;
import org.consortiumhub.hub.problem.ProblemException;

/** The days a report covers, both included: by default the year up to today. */
record Period(LocalDate from, LocalDate to) {

    static Period of(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate start = from == null ? end.minusYears(1).plusDays(1) : from;
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "must not be after to (" + start + " > " + end + ")");
        }
        return new Period(start, end);
    }

    /** The first day after the period, for {@code at < end} conditions on timestamps. */
    LocalDate endExclusive() {
        return to.plusDays(1);
    }

    ReportPeriod toApi() {
        return new ReportPeriod().from(from).to(to);
    }
}
