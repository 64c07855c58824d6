package org.consortiumhub.ill.request;

import java.util.Map;

import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;


/**
 * A queue of requests: a member's borrowing (it is the borrower) or lending (it is the current lender), or all for
 * consortium-wide readers; every filter optional. {@code search} finds words in the title, the article title, the
 * patron's id or name; {@code sort} is one of {@link #SORTS} (newest first when null).
 */
public record RequestQuery(String borrowerCode, String lenderCode, RequestState state, ServiceType serviceType,
        String patronId, boolean activeOnly, String search, String sort, int page, int size) {

    /** The orders a queue can be shown in, by name, as SQL over {@code ill_request r}. */
    public static final Map<String, String> SORTS = Map.of(
            "newest", "r.id desc",
            "oldest", "r.id",
            "needBefore", "r.need_before nulls last, r.id",
            "due", "r.due_date nulls last, r.id",
            "updated", "r.updated_at desc, r.id desc");

    public RequestQuery(String borrowerCode, String lenderCode, RequestState state, ServiceType serviceType,
            String patronId, boolean activeOnly, int page, int size) {
        this(borrowerCode, lenderCode, state, serviceType, patronId, activeOnly, null, null, page, size);
    }

    public RequestQuery {
        if (sort != null && !SORTS.containsKey(sort)) {
            throw new IllegalArgumentException("unknown sort " + sort);
        }
    }
}
