package org.consortiumhub.adapter.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The adapter's durable memory, one file in the state folder ({@code checkpoints.mv}).
 *
 * <p>It is an H2 MVStore: a log-structured store that only ever appends, so a {@code kill -9} or a power cut in the
 * middle of a write leaves the last committed version intact, and reopening finds it. Every change here is committed
 * before the adapter acts on it:
 * <ul>
 * <li>the local ids of records about to be sent are written <em>before</em> they are sent, tagged with the run that
 * sent them; the set is therefore never smaller than what the hub holds from this adapter, which is what lets a full
 * sync delete exactly the records the member no longer has;</li>
 * <li>a run's resume cursor moves only after the hub acknowledged every change before it;</li>
 * <li>a source's completion mark (e.g. the next harvest's from-date) is kept only when a run finished.</li>
 * </ul>
 * Only one adapter process may use a state folder at a time; a second one is told so.
 */
public final class CheckpointStore implements AutoCloseable {

    private static final String FILE = "checkpoints.mv";

    private final MVStore store;
    /** Settings of the current or last run: source identity, run number, cursor, completion mark, last summary. */
    private final MVMap<String, String> state;
    /** Local id -> number of the last run that sent it to the hub. */
    private final MVMap<String, Long> sent;

    private CheckpointStore(MVStore store) {
        this.store = store;
        this.state = store.openMap("state");
        this.sent = store.openMap("sent");
    }

    /** Opens (or creates) the store in the folder. */
    public static CheckpointStore open(Path folder) throws CheckpointException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CheckpointException("Cannot create the adapter's state folder " + folder.toAbsolutePath() + ": "
                    + e.getMessage() + "; check adapter.state-dir.", e);
        }
        Path file = folder.resolve(FILE);
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            return new CheckpointStore(store);
        } catch (MVStoreException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("locked")
                    ? "another adapter process is using it; wait for it to finish"
                    : e.getMessage();
            throw new CheckpointException("Cannot open the adapter's checkpoints " + file.toAbsolutePath() + ": "
                    + reason, e);
        }
    }

    /** Where the interrupted or last run of this source stands; a checkpoint of another source is started afresh. */
    public RunState begin(String sourceIdentity) {
        if (!sourceIdentity.equals(state.get("source"))) {
            state.put("source", sourceIdentity);
            state.remove("cursor");
            state.remove("completed");
            state.remove("running");
        }
        long run = Long.parseLong(state.getOrDefault("run", "0"));
        boolean resuming = state.containsKey("running");
        if (!resuming) {
            run++;
            state.put("run", Long.toString(run));
            state.put("running", "true");
            state.remove("cursor");
        }
        store.commit();
        return new RunState(run, resuming, state.get("completed"), state.get("cursor"));
    }

    /** Where a run starts: its number, whether it resumes an interrupted one, and the positions to start from. */
    public record RunState(long run, boolean resuming, String completed, String cursor) {
    }

    /** Notes, durably, that these records are about to be sent in this run. */
    public void sending(Collection<String> localIds, long run) {
        Long tag = run;
        for (String id : localIds) {
            sent.put(id, tag);
        }
        store.commit();
    }

    /** The hub acknowledged everything before the cursor; these records are gone from it. */
    public void acknowledged(String cursor, Collection<String> deleted) {
        for (String id : deleted) {
            sent.remove(id);
        }
        if (cursor != null) {
            state.put("cursor", cursor);
        }
        store.commit();
    }

    /** Records this adapter sent before, but not in this run: in a full sync, the ones the member no longer has. */
    public List<String> notSentIn(long run) {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            if (e.getValue() != run) {
                stale.add(e.getKey());
            }
        }
        return stale;
    }

    /** The run finished: the source's completion mark and the summary are kept; the next run starts anew. */
    public void complete(String completed, String summary) {
        if (completed != null) {
            state.put("completed", completed);
        } else {
            state.remove("completed");
        }
        state.remove("cursor");
        state.remove("running");
        state.remove("lastProblem");
        state.put("lastSummary", summary);
        store.commit();
    }

    /** A run stopped early with a problem: its position stays for the next run; the problem is kept for status. */
    public void failed(String problem) {
        state.put("lastProblem", problem);
        store.commit();
    }

    public void put(String key, String value) {
        state.put(key, value);
        store.commit();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
    }

    /** How many records this adapter has sent to the hub and not withdrawn. */
    public long recordsAtHub() {
        return sent.sizeAsLong();
    }

    @Override
    public void close() {
        store.close();
    }
}
