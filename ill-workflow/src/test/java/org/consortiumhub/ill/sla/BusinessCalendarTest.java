package org.consortiumhub.ill.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.consortiumhub.ill.rota.Closure;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void businessDaysSkipWeekendsAndClosures() {
        BusinessCalendar calendar = new BusinessCalendar(NEW_YORK,
                List.of(new Closure(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27), "Thanksgiving")));
        // Friday 20 November 2026, 15:00 in New York; two business days later is Tuesday 24th, 15:00
        Instant friday = Instant.parse("2026-11-20T20:00:00Z");
        assertEquals(Instant.parse("2026-11-24T20:00:00Z"), calendar.afterBusinessDays(friday, 2));
        // Wednesday 25th + 1 business day: Thursday and Friday closed, the weekend too: Monday 30th
        assertEquals(Instant.parse("2026-11-30T20:00:00Z"), calendar.afterBusinessDays(Instant.parse("2026-11-25T20:00:00Z"), 1));
        assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 11, 26)));
    }

    @Test
    void rushHoursCountOnlyOnBusinessDays() {
        BusinessCalendar calendar = new BusinessCalendar(NEW_YORK, List.of());
        // Friday 22:00 New York + 4 hours: 2 hours left on Friday, then Monday 02:00
        Instant fridayNight = Instant.parse("2026-11-21T03:00:00Z");
        assertEquals(Instant.parse("2026-11-23T07:00:00Z"), calendar.afterBusinessHours(fridayNight, 4));
        // within a day
        assertEquals(Instant.parse("2026-11-23T19:00:00Z"), calendar.afterBusinessHours(Instant.parse("2026-11-23T15:00:00Z"), 4));
    }

    @Test
    void aLoanIsOverdueFromTheDayAfterItsDueDate() {
        assertEquals(Instant.parse("2026-12-22T05:00:00Z"),
                new BusinessCalendar(NEW_YORK, List.of()).overdueFrom(LocalDate.of(2026, 12, 21)));
    }
}
