package org.consortiumhub.ill.request;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;

/** One page of a queue. */
public record RequestPage(long total, int page, int size, List<Summary> requests) {

    public record Summary(long id, ServiceType serviceType, String title, String articleTitle, String patronId,
            String borrowerCode, String lenderCode, RequestState state, NewRequest.ServiceLevel serviceLevel,
            LocalDate needBefore, LocalDate dueDate, Long duplicateOf, OffsetDateTime updatedAt, int version) {
    }
}
