package org.consortiumhub.ill.rota;

import java.time.LocalDate;

/** Days a member neither lends nor answers (a holiday, a move, a closure); both ends included. */
public record Closure(LocalDate firstDay, LocalDate lastDay, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
