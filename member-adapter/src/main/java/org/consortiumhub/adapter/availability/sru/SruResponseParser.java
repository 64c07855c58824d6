package org.consortiumhub.adapter.availability.sru;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.consortiumhub.adapter.availability.ItemAvailability;
import org.consortiumhub.adapter.availability.ItemStatus;
import org.consortiumhub.adapter.xml.SafeXml;

/**
 * Reads the items of an SRU searchRetrieve answer, in the forms library systems give them:
 * <ul>
 * <li>the Z39.50 OPAC record ({@code opacRecord/holdings/holding/circulations}) of Alma, FOLIO, Horizon, Voyager and
 * Sierra (whose holdings carry only a public note such as "AVAILABLE" or "DUE 01-11-23");</li>
 * <li>Koha's item field 952 ($p barcode, $o call number, $q due date, $7 not for loan, $0/$1/$4 withdrawn, lost,
 * damaged);</li>
 * <li>852 holdings fields with a status text: Evergreen ($b library, $c call number, $g barcode, $n status) and Polaris
 * ($a library, $b collection, $h call number, $p barcode, $r status).</li>
 * </ul>
 */
public final class SruResponseParser {

    private static final Pattern US_SHORT_DATE = Pattern.compile("(\\d{1,2})[-/](\\d{1,2})[-/](\\d{2,4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");

    private SruResponseParser() {
    }

    /** An answer: how many records matched, their items, and the server's diagnostic when it reported one. */
    public record Answer(long numberOfRecords, List<ItemAvailability> items, String diagnostic) {
    }

    /** A data field of the MARC record: tag and subfields in order (codes repeated as they come). */
    private record Field(String tag, List<String[]> subfields) {
        String first(char code) {
            for (String[] s : subfields) {
                if (s[0].charAt(0) == code) {
                    String v = s[1].strip();
                    return v.isEmpty() ? null : v;
                }
            }
            return null;
        }
    }

    /** One holding of an OPAC record, with its circulation entries. */
    private static final class Holding {
        final Map<String, String> values = new LinkedHashMap<>();
        final List<Map<String, String>> circulations = new ArrayList<>();
    }

    public static Answer parse(byte[] body) throws XMLStreamException {
        XMLStreamReader xml = SafeXml.read(body);
        long count = -1;
        List<ItemAvailability> items = new ArrayList<>();
        String diagnostic = null;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "numberOfRecords" -> count = parseCount(xml.getElementText());
                case "recordData" -> items.addAll(recordData(xml));
                case "diagnostic" -> {
                    String text = diagnostic(xml);
                    diagnostic = diagnostic == null ? text : diagnostic;
                }
                case "echoedSearchRetrieveRequest" -> SafeXml.skip(xml);
                default -> {
                }
            }
        }
        return new Answer(count, items, diagnostic);
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String diagnostic(XMLStreamReader xml) throws XMLStreamException {
        String uri = null;
        String message = null;
        String details = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "uri" -> uri = xml.getElementText().strip();
                    case "message" -> message = xml.getElementText().strip();
                    case "details" -> details = xml.getElementText().strip();
                    default -> depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        StringBuilder s = new StringBuilder(message != null ? message : "SRU diagnostic");
        if (details != null && !details.isEmpty()) {
            s.append(" (").append(details).append(')');
        }
        if (uri != null) {
            s.append(" [").append(uri).append(']');
        }
        return s.toString();
    }

    /** The items of one record, read from its recordData element. */
    private static List<ItemAvailability> recordData(XMLStreamReader xml) throws XMLStreamException {
        String localId = null;
        List<Field> fields = new ArrayList<>();
        List<Holding> holdings = new ArrayList<>();
        boolean opac = false;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "controlfield" -> {
                    String tag = xml.getAttributeValue(null, "tag");
                    String value = xml.getElementText().strip();
                    if ("001".equals(tag) && !value.isEmpty()) {
                        localId = value;
                    }
                }
                case "datafield" -> fields.add(dataField(xml));
                case "holdings" -> {
                    opac = true;
                    depth++;
                }
                case "holding" -> holdings.add(holding(xml));
                default -> depth++;
            }
        }
        List<ItemAvailability> items = new ArrayList<>();
        if (opac) {
            for (Holding h : holdings) {
                items.addAll(opacItems(localId, h));
            }
            return items;
        }
        for (Field f : fields) {
            if (f.tag().equals("952")) {
                kohaItem(localId, f).ifPresent(items::add);
            }
        }
        if (!items.isEmpty()) {
            return items;
        }
        for (Field f : fields) {
            if (f.tag().equals("852")) {
                items.add(holdingsField(localId, f));
            }
        }
        return items;
    }

    private static Field dataField(XMLStreamReader xml) throws XMLStreamException {
        String tag = xml.getAttributeValue(null, "tag");
        List<String[]> subfields = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("subfield")) {
                    String code = xml.getAttributeValue(null, "code");
                    String value = xml.getElementText();
                    if (code != null && !code.isEmpty()) {
                        subfields.add(new String[] { code, value });
                    }
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new Field(tag == null ? "" : tag, subfields);
    }

    private static Holding holding(XMLStreamReader xml) throws XMLStreamException {
        Holding holding = new Holding();
        Map<String, String> circulation = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (xml.getLocalName().equals("circulation") && circulation != null) {
                    holding.circulations.add(circulation);
                    circulation = null;
                }
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("circulation")) {
                    circulation = new LinkedHashMap<>();
                    depth++;
                } else if (name.equals("circulations") || name.equals("volumes") || name.equals("volume")) {
                    depth++;
                } else {
                    String value = xml.getAttributeValue(null, "value");
                    String text = value != null ? value : "";
                    String element = xml.getElementText();
                    if (value == null) {
                        text = element;
                    }
                    (circulation != null ? circulation : holding.values).put(name, text.strip());
                }
            }
        }
        return holding;
    }

    private static List<ItemAvailability> opacItems(String localId, Holding h) {
        String location = join(h.values.get("localLocation"), h.values.get("shelvingLocation"));
        String callNumber = blankToNull(h.values.get("callNumber"));
        List<ItemAvailability> items = new ArrayList<>();
        if (h.circulations.isEmpty()) {
            // Sierra: no circulation data, only a public note such as "AVAILABLE" or "DUE 01-11-23"
            String note = h.values.getOrDefault("publicNote", h.values.get("shelvingData"));
            items.add(new ItemAvailability(localId, null, location, callNumber, ItemStatus.fromText(note),
                    dueDate(note)));
            return items;
        }
        for (Map<String, String> c : h.circulations) {
            String temporary = blankToNull(c.get("temporaryLocation"));
            String restrictions = blankToNull(c.get("restrictions"));
            ItemStatus status;
            if ("1".equals(c.get("availableNow"))) {
                status = ItemStatus.isNotRequestable(temporary) || ItemStatus.isNotRequestable(location)
                        ? ItemStatus.NOT_REQUESTABLE : ItemStatus.AVAILABLE;
            } else if ("1".equals(c.get("onHold"))) {
                status = ItemStatus.ON_HOLD;
            } else {
                status = ItemStatus.fromText(restrictions != null ? restrictions : c.get("availableThru"));
            }
            String due = blankToNull(c.get("availabilityDate"));
            if (status == ItemStatus.UNKNOWN && due != null && dueDate(due) != null) {
                // Alma: not available now, available again on a date: it is out on loan until then
                status = ItemStatus.CHECKED_OUT;
            }
            items.add(new ItemAvailability(localId, blankToNull(c.get("itemId")),
                    temporary != null && status != ItemStatus.AVAILABLE ? temporary : location, callNumber, status,
                    status == ItemStatus.CHECKED_OUT ? dueDate(due) : null));
        }
        return items;
    }

    /** A Koha item field; the Alma local fields that reuse the tag (a lone $a) are not items. */
    private static java.util.Optional<ItemAvailability> kohaItem(String localId, Field f) {
        String barcode = f.first('p');
        String callNumber = f.first('o');
        if (barcode == null && callNumber == null) {
            return java.util.Optional.empty();
        }
        String location = join(f.first('b') != null ? f.first('b') : f.first('a'), f.first('c'));
        String due = f.first('q');
        ItemStatus status;
        if (flagged(f.first('7')) || flagged(f.first('0')) || flagged(f.first('1')) || flagged(f.first('4'))) {
            status = ItemStatus.NOT_REQUESTABLE;
        } else if (due != null) {
            status = ItemStatus.CHECKED_OUT;
        } else {
            status = ItemStatus.AVAILABLE;
        }
        return java.util.Optional.of(new ItemAvailability(localId, barcode, location, callNumber, status,
                status == ItemStatus.CHECKED_OUT ? dueDate(due) : null));
    }

    /** An 852 with a status text (Evergreen $n, Polaris $r); without one, the status is unknown. */
    private static ItemAvailability holdingsField(String localId, Field f) {
        boolean polaris = f.first('r') != null || f.first('h') != null;
        String status = polaris ? f.first('r') : f.first('n');
        String barcode = f.first('p') != null ? f.first('p') : f.first('g');
        String callNumber = polaris ? f.first('h') : join(f.first('k'), f.first('c'));
        String location = polaris ? join(f.first('a'), f.first('b')) : f.first('b') != null ? f.first('b') : f.first('a');
        ItemStatus itemStatus = ItemStatus.fromText(status);
        return new ItemAvailability(localId, barcode, location, callNumber, itemStatus,
                itemStatus == ItemStatus.CHECKED_OUT ? dueDate(status) : null);
    }

    private static boolean flagged(String value) {
        return value != null && !value.equals("0");
    }

    /** A due date in the forms systems write: 2023-03-12, 20230312, or US month-day-year (01-11-23). */
    static LocalDate dueDate(String text) {
        if (text == null) {
            return null;
        }
        Matcher iso = ISO_DATE.matcher(text);
        try {
            if (iso.find()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher us = US_SHORT_DATE.matcher(text);
            if (us.find()) {
                int year = Integer.parseInt(us.group(3));
                return LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2)));
            }
        } catch (java.time.DateTimeException notADate) {
            return null;
        }
        return null;
    }

    private static String join(String a, String b) {
        a = blankToNull(a);
        b = blankToNull(b);
        if (a == null) {
            return b;
        }
        return b == null || a.equalsIgnoreCase(b) ? a : a + ", " + b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
