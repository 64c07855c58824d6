package org.consortiumhub.ill.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.consortiumhub.ill.rota.Closure;

/**
 * A lender's working days in the consortium's time zone: Monday to Friday, less the lender's closures. Answer
 * deadlines count only those days: a number of business days for a normal request, a number of hours of business
 * days for a rush one.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final List<Closure> closures;

    public BusinessCalendar(ZoneId zone, List<Closure> closures) {
        this.zone = zone;
        this.closures = List.copyOf(closures);
    }

    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
            return false;
        }
        return closures.stream().noneMatch(c -> c.covers(day));
    }

    /**
     * The moment {@code businessDays} business days after {@code from}: the same time of day on the n-th business
     * day after the day it was sent. Sent on a Friday afternoon with two days to answer, it is due Tuesday afternoon.
     */
    public Instant afterBusinessDays(Instant from, int businessDays) {
        ZonedDateTime t = from.atZone(zone);
        int left = businessDays;
        while (left > 0) {
            t = t.plusDays(1);
            if (isBusinessDay(t.toLocalDate())) {
                left--;
            }
        }
        return t.toInstant();
    }

    /** The moment {@code hours} hours of business days after {@code from}; closed days and weekends do not count. */
    public Instant afterBusinessHours(Instant from, int hours) {
        ZonedDateTime t = from.atZone(zone);
        Duration left = Duration.ofHours(hours);
        while (!left.isZero()) {
            ZonedDateTime nextMidnight = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            if (isBusinessDay(t.toLocalDate())) {
                Duration today = Duration.between(t, nextMidnight);
                if (today.compareTo(left) >= 0) {
                    return t.plus(left).toInstant();
                }
                left = left.minus(today);
            }
            t = nextMidnight;
        }
        return t.toInstant();
    }

    /** When a loan due on {@code dueDate} becomes overdue: the start of the next day. */
    public Instant overdueFrom(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
