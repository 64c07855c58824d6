package org.consortiumhub.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.consortiumhub.adapter.source.file.MarcFilesSource;
import org.consortiumhub.adapter.source.oaipmh.OaiPmhSource;
import org.junit.jupiter.api.Test;

/** What a librarian is told about the sync settings, before anything is read or sent. */
class AdapterSettingsTest {

    private final Map<String, String> values = new HashMap<>();
    private final AdapterSettings settings = new AdapterSettings(name -> Optional.ofNullable(values.get(name)));

    @Test
    void anOaiPmhSourceFromItsSettings() throws Exception {
        values.put("adapter.sync.source", "oai-pmh");
        values.put("adapter.oai.url", "https://ils.example.org/oai");
        values.put("adapter.oai.set", "ILL");

        OaiPmhSource source = assertInstanceOf(OaiPmhSource.class, settings.source());

        assertEquals("OAI-PMH https://ils.example.org/oai (marc21, set ILL)", source.describe());
    }

    @Test
    void aMissingSourceSaysWhatToSet() {
        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::source);

        assertEquals("Missing setting adapter.sync.source (environment variable ADAPTER_SYNC_SOURCE): set it to "
                + "oai-pmh or files.", problem.getMessage());
    }

    @Test
    void everyWrongOaiSettingIsNamedAtOnce() {
        values.put("adapter.sync.source", "oai-pmh");
        values.put("adapter.oai.url", "ils.example.org/oai");
        values.put("adapter.oai.metadata-prefix", "oai_dc");
        values.put("adapter.oai.timeout", "soon");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::source);

        String[] lines = problem.getMessage().split(System.lineSeparator());
        assertEquals(3, lines.length, problem.getMessage());
        assertEquals("adapter.oai.url (environment variable ADAPTER_OAI_URL) is not a valid address: "
                + "'ils.example.org/oai'. Give the full address, e.g. https://ils.example.org/oai.", lines[0]);
        assertTrue(lines[1].startsWith("adapter.oai.metadata-prefix (environment variable ADAPTER_OAI_METADATA_PREFIX)"
                + " is 'oai_dc'; the adapter harvests MARC records: use marc21 or marcxml"), lines[1]);
        assertEquals("adapter.oai.timeout (environment variable ADAPTER_OAI_TIMEOUT) is 'soon'; give a waiting time "
                + "such as 500ms, 10s or 2m.", lines[2]);
    }

    @Test
    void filesNeedAPathAndAKnownMode() {
        values.put("adapter.sync.source", "files");
        values.put("adapter.files.mode", "everything");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::source);

        assertTrue(problem.getMessage().contains("Missing setting adapter.files.path (environment variable "
                + "ADAPTER_FILES_PATH)"), problem.getMessage());
        assertTrue(problem.getMessage().contains("adapter.files.mode (environment variable ADAPTER_FILES_MODE) is "
                + "'everything'; it must be full"), problem.getMessage());
    }

    @Test
    void aFilesSourceDefaultsToFullMode() throws Exception {
        values.put("adapter.sync.source", "files");
        values.put("adapter.files.path", "/exports");

        MarcFilesSource source = assertInstanceOf(MarcFilesSource.class, settings.source());

        assertEquals("MARC files /exports (full catalog)", source.describe());
    }

    @Test
    void aBatchLargerThanTheHubTakesIsRefused() {
        values.put("adapter.sync.batch-size", "50000");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::sync);

        assertEquals("adapter.sync.batch-size (environment variable ADAPTER_SYNC_BATCH_SIZE) is '50000'; it must be a "
                + "whole number from 1 to 10000.", problem.getMessage());
    }

    @Test
    void compressionIsOnOrOff() throws Exception {
        assertEquals(false, settings.sync().compress());
        values.put("adapter.sync.compress", "yes");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::sync);

        assertEquals("adapter.sync.compress (environment variable ADAPTER_SYNC_COMPRESS) is 'yes'; it must be true or "
                + "false.", problem.getMessage());
    }

    @Test
    void aScheduleNeedsSecondsFirst() {
        values.put("adapter.sync.schedule", "0 2 * * *");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::schedule);

        assertTrue(problem.getMessage().contains("give six or seven fields (seconds first)"), problem.getMessage());
    }

    @Test
    void sruQueriesNeedAPlaceForTheValue() {
        values.put("adapter.sru.url", "https://ils.example.org/sru");
        values.put("adapter.sru.local-id-query", "rec.id=1");

        SettingsProblem problem = assertThrows(SettingsProblem.class, settings::sru);

        assertTrue(problem.getMessage().startsWith("adapter.sru.local-id-query (environment variable "
                + "ADAPTER_SRU_LOCAL_ID_QUERY) must contain {value}"), problem.getMessage());
    }
}
