package org.consortiumhub.catalog.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What happened to each record of a batch, in the order the records were sent. */
public final class BatchReport {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, DELETED, REJECTED }

    /** One record's outcome; {@code clusterId} for stored records, {@code reason} for rejected ones. */
    public record RecordOutcome(int position, String localId, Outcome outcome, Long clusterId, String reason) {
    }

    private final String memberCode;
    private final List<RecordOutcome> outcomes = new ArrayList<>();

    public BatchReport(String memberCode) {
        this.memberCode = memberCode;
    }

    void add(RecordOutcome outcome) {
        outcomes.add(outcome);
    }

    public String memberCode() {
        return memberCode;
    }

    public List<RecordOutcome> outcomes() {
        List<RecordOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparingInt(RecordOutcome::position));
        return sorted;
    }

    public int count(Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o.outcome() == outcome).count();
    }

    public int received() {
        return outcomes.size();
    }
}
