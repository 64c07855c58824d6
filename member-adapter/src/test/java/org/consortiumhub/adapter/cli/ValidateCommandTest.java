package org.consortiumhub.adapter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code validate} on a real file of broken records: what would be sent, what is malformed and why; nothing sent. */
@QuarkusMainTest
@TestProfile(ValidateCommandTest.BrokenRecords.class)
class ValidateCommandTest {

    @Test
    @Launch(value = { "validate", "--show", "1" }, exitCode = 1)
    void listsTheMalformedRecordsAndWhy(LaunchResult result) {
        String out = result.getOutput();
        assertTrue(out.startsWith("Validating MARC files "), out);
        assertTrue(out.contains("m4j_bad_hathi_records.mrc (full catalog) (nothing is sent)."), out);
        java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile("Would send ([0-9]+) records and withdraw 0; ([0-9]+) records are malformed\\.").matcher(out);
        assertTrue(counts.find(), out);
        int malformed = Integer.parseInt(counts.group(2));
        assertEquals(5, Integer.parseInt(counts.group(1)) + malformed, "the file's five records: " + out);
        assertTrue(malformed > 0, out);
        assertTrue(out.contains("Malformed records, and why:\n  m4j_bad_hathi_records.mrc"), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("  m4j_bad_hathi_records.mrc")).count(), out);
        assertEquals(malformed > 1, out.contains("  ... and " + (malformed - 1) + " more (--show to list more)"), out);
    }

    public static class BrokenRecords implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adapter.sync.source", "files",
                    "adapter.files.path", SharedData.path("marc/m4j_bad_hathi_records.mrc").toString(),
                    "adapter.sync.state-dir", "target/validate-test-state");
        }
    }
}
