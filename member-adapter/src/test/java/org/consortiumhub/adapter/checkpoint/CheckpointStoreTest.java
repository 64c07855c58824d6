package org.consortiumhub.adapter.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path state;

    @Test
    void anInterruptedRunIsResumedWithItsNumberAndCursor() throws Exception {
        try (CheckpointStore store = CheckpointStore.open(state)) {
            CheckpointStore.RunState run = store.begin("files /exports full");
            assertEquals(1, run.run());
            assertFalse(run.resuming());
            store.sending(List.of("a", "b"), run.run());
            store.acknowledged("cursor-after-a-b", List.of());
        }
        try (CheckpointStore store = CheckpointStore.open(state)) {
            CheckpointStore.RunState run = store.begin("files /exports full");
            assertTrue(run.resuming());
            assertEquals(1, run.run());
            assertEquals("cursor-after-a-b", run.cursor());
            assertEquals(2, store.recordsAtHub());
        }
    }

    @Test
    void aCompleteRunLeavesItsMarkAndTheNextRunLooksForWhatItDidNotSend() throws Exception {
        try (CheckpointStore store = CheckpointStore.open(state)) {
            long first = store.begin("oai").run();
            store.sending(List.of("a", "b", "c"), first);
            store.complete("2026-01-01", "summary");
            long second = store.begin("oai").run();
            store.sending(List.of("b"), second);
            store.acknowledged(null, List.of("c"));

            assertEquals(List.of("a"), store.notSentIn(second));
            assertEquals("2026-01-01", store.begin("oai").completed());
        }
    }

    @Test
    void anotherSourceStartsAfresh() throws Exception {
        try (CheckpointStore store = CheckpointStore.open(state)) {
            store.begin("oai A");
            store.acknowledged("token", List.of());
            CheckpointStore.RunState other = store.begin("oai B");
            assertFalse(other.resuming());
            assertEquals(null, other.cursor());
        }
    }

    @Test
    void twoProcessesCannotShareAStateFolder() throws Exception {
        try (CheckpointStore first = CheckpointStore.open(state)) {
            CheckpointException failure = assertThrows(CheckpointException.class, () -> CheckpointStore.open(state));
            assertTrue(failure.getMessage().contains(state.resolve("checkpoints.mv").toAbsolutePath().toString()),
                    failure.getMessage());
        }
    }
}
