package org.consortiumhub.adapter.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the librarian sees while a sync runs. */
class SyncProgressTest {

    @Test
    void aBarWithRateAndTimeLeftWhenTheTotalIsKnown() {
        assertEquals("[###############               ]  50% 5,000/10,000 records, 1,000 records/s, ETA 5.0 s",
                SyncProgress.line(5_000, 10_000, 1_000));
    }

    @Test
    void countAndRateWhenTheTotalIsNot() {
        assertEquals("12,345 records sent, 2,469 records/s", SyncProgress.line(12_345, -1, 2_469));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = { 0 };
        SyncProgress progress = new SyncProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 10, () -> now[0]);
        progress.expect(100);
        now[0] = 250_000_000L; // a quarter of a second later
        progress.advanced(40);
        progress.finish();

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\r["), shown);
        assertTrue(shown.contains(" 40/100 records"), shown);
        assertTrue(shown.endsWith(System.lineSeparator()), "the last redraw ends the line");
    }

    @Test
    void inALogOnlyAPlainLineNowAndThen() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SyncProgress progress = new SyncProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 3600);
        progress.advanced(10);
        progress.advanced(10);
        progress.finish();

        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing before the interval, no bar drawing");
    }
}
