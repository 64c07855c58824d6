package org.consortiumhub.catalog.marc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.consortiumhub.catalog.SharedData.readAll;
import static org.consortiumhub.catalog.SharedData.readableRecords;
import static org.consortiumhub.catalog.SharedData.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/** Every writer on every readable record of the shared data: what is written reads back as the same record. */
class WritersTest {

    static Stream<String> files() {
        return SharedData.MARC_FILES.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void iso2709RoundTrip(String file) {
        for (MarcRecord record : readableRecords(file)) {
            assertEquals(record, Iso2709.read(Iso2709.write(record)), record::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void marcXmlRoundTrip(String file) {
        List<MarcRecord> records = readableRecords(file);
        StringBuilder collection = new StringBuilder("<collection xmlns=\"" + MarcXml.NAMESPACE + "\">");
        records.forEach(r -> collection.append(MarcXml.write(r)));

        byte[] xml = collection.append("</collection>").toString().getBytes(UTF_8);
        try (MarcInput again = MarcInput.readEachRecord(new ByteArrayInputStream(xml), null)) {
            assertEquals(records, again.stream().map(r -> ((ReadRecord) r).record()).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void marcJsonRoundTrip(String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (MarcRecord record : readableRecords(file)) {
            assertEquals(record, fromJson(json.readTree(MarcJson.write(record))), record::toString);
        }
    }

    /**
     * The files whose data keeps to the schema's patterns. Left out, because the records themselves break them: the
     * two National Library of Australia sets (leader/19 '-'), the Pride and Prejudice set (indicators '-') and the
     * Alma export (blank subfield codes, an indicator '"'). The writer writes such data as it is.
     */
    static Stream<String> schemaConformingFiles() {
        return files().filter(f -> !List.of("marc/perf_For_LA_edeposit_updates_1k.mrc",
                "marc/perf_For_LA_edeposit_updates3.mrc", "marc/m4j_pride-and-prejudice-fixed.mrc",
                "marc/holdings/alma-austria-with-items.xml.gz").contains(f));
    }

    @ParameterizedTest
    @MethodSource("schemaConformingFiles")
    void marcXmlValidatesAgainstTheMarc21SlimSchema(String file) throws SAXException {
        Validator validator = marc21Slim();
        List<String> invalid = new ArrayList<>();
        for (MarcRecord record : readableRecords(file)) {
            try {
                validator.validate(new StreamSource(new StringReader(MarcXml.write(record))));
            } catch (SAXException | IOException e) {
                invalid.add(record.controlNumber() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), invalid);
    }

    @Test
    void marcXmlEscapesWhatXmlCannotCarryAsItIs() {
        MarcRecord record = new MarcRecord("00000nam a2200000 a 4500", List.of(new ControlField("001", "a&b")),
                List.of(new DataField("245", '1', '0', List.of(new Subfield('a', "<Tom & \"Jerry\">\r\n\u0001")))));

        String xml = MarcXml.write(record);

        assertTrue(xml.contains("<subfield code=\"a\">&lt;Tom &amp; &quot;Jerry&quot;&gt;&#13;\n\uFFFD</subfield>"),
                xml);
        MarcRecord back = ((ReadRecord) readAll(xml.getBytes(UTF_8)).get(0)).record();
        assertEquals("<Tom & \"Jerry\">\r\n\uFFFD", back.first("245", 'a'));
    }

    @Test
    void marcJsonEscapesQuotesBackslashesAndControlCharacters() throws IOException {
        MarcRecord record = new MarcRecord("00000nam a2200000 a 4500", List.of(new ControlField("001", "x")),
                List.of(new DataField("245", '1', '0', List.of(new Subfield('a', "\"C:\\dir\"\t\u0001\u2028")))));

        JsonNode parsed = new ObjectMapper().readTree(MarcJson.write(record));

        assertEquals("\"C:\\dir\"\t\u0001\u2028", parsed.at("/fields/1/245/subfields/0/a").asText());
        assertEquals("1", parsed.at("/fields/1/245/ind1").asText());
    }

    @Test
    void writingSetsTheLeaderTheHubStores() {
        MarcRecord marc8 = records("marc/eg_jazz_1k.mrc").get(187);

        byte[] iso = Iso2709.write(marc8);

        assertEquals('a', (char) iso[9]);
        assertEquals(iso.length, Iso2709Decoder.number(iso, 0, 5));
        assertEquals(marc8.leader(), new String(iso, 0, 24, UTF_8));
    }

    @Test
    void aRecordTooBigForIso2709IsRefusedWithTheReason() {
        // Princeton's record for Science: 2,967 item fields, 1.3 MB of MARCXML
        MarcRecord science = records("marc583/princeton-recap/marc_to_solr_fixtures/998574693506421.mrx").get(0);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Iso2709.write(science));

        assertTrue(refused.getMessage().startsWith("record 998574693506421 is "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(" bytes long; ISO 2709 holds at most 99999"), refused.getMessage());
    }

    @Test
    void readingBytesThatAreNotARecordSaysWhy() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Iso2709.read("00026nam a2200025 a 4500\u001e\u001d".getBytes(UTF_8)));

        assertEquals("the record has no fields", refused.getMessage());
    }

    private static MarcRecord fromJson(JsonNode json) {
        List<ControlField> controlFields = new ArrayList<>();
        List<DataField> dataFields = new ArrayList<>();
        for (JsonNode field : json.get("fields")) {
            Map.Entry<String, JsonNode> only = field.properties().iterator().next();
            JsonNode value = only.getValue();
            if (value.isTextual()) {
                controlFields.add(new ControlField(only.getKey(), value.asText()));
            } else {
                List<Subfield> subfields = new ArrayList<>();
                for (JsonNode subfield : value.get("subfields")) {
                    Map.Entry<String, JsonNode> s = subfield.properties().iterator().next();
                    subfields.add(new Subfield(s.getKey().charAt(0), s.getValue().asText()));
                }
                dataFields.add(new DataField(only.getKey(), value.get("ind1").asText().charAt(0),
                        value.get("ind2").asText().charAt(0), subfields));
            }
        }
        return new MarcRecord(json.get("leader").asText(), controlFields, dataFields);
    }

    private static Validator marc21Slim() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Validator validator = factory.newSchema(SharedData.path("schemas/MARC21slim.xsd").toFile()).newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return validator;
    }
}
