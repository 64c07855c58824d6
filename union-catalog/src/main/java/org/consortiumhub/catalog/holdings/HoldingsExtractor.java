package org.consortiumhub.catalog.holdings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;

/**
 * Reads what a member holds of a title from the MARC it sends: holdings fields, holdings (MFHD) records and the item
 * fields library systems embed in their exports. Every item becomes a {@link Holding}; a holdings field none of whose
 * items is in the export becomes one too, without barcode or status.
 *
 * <p>Fields read:
 * <ul>
 * <li><b>852</b> location, in the bibliographic record or in MFHD records: $b library, $c shelving location, call
 * number from $k prefix, $h classification and $i item part (or $j shelving control number) and $m suffix; $z public
 * note. Its $8 and $0 are the ids items and 866 fields link to (Alma uses $8, ReCAP's SCSB $0).
 * <li><b>866</b> textual holdings: $a the summary, $z a public note. Linked to an 852 by $8 or $0, or to the only
 * 852 there is.
 * <li><b>876</b> item (MARC 21 holdings, as Alma publishing and ReCAP's SCSB export write it): $0 or $8 the 852 it
 * belongs to, $p barcode, $3 volume, $h use restriction (e.g. "In Library Use"), $j status: Alma's base status
 * {@code 1} (in place) or {@code 0} (not in place, refined by the process type in $x, e.g. LOAN, TRANSIT), otherwise
 * text such as SCSB's "Available".
 * <li><b>ITM</b> Alma item, as the Austrian academic network (OBV) publishes it: $9 holdings id, $1 library,
 * $2 location, $h call number, $b barcode, $d description, $m material type, $e base status (1/0), $f item policy,
 * $z public note. The export's profile is not published; the subfields were read off the data.
 * <li><b>952</b> Koha item, when it has a barcode ($p), call number ($o), item type ($y) or item number ($9), which
 * tells it from the 952 notes other systems write: $a home library, $c shelving location, $o call number,
 * $p barcode, $h volume, $y item type; status from withdrawn ($0), lost ($1), not for loan ($7, also negative values
 * such as "on order"), due date ($q); restricted ($5) and not for loan make it not lendable.
 * <li><b>949, 945</b> items in the SirsiDynix layout of Evergreen's migrated sets and in Sierra's export, when they
 * have a barcode ($i): $m library, $l location, $a call number, $t item type, status from Sierra's one-character
 * code in $s (Sierra's default codes, e.g. '-' available, 'm' missing, 'o' library use only) or from a status text
 * in $s or SirsiDynix's current location in $k; a circulate flag $r "N" makes it not lendable. Order and
 * acquisitions fields with the same tags have no barcode and are passed over.
 * </ul>
 * 999 is not read: Koha, FOLIO, Horizon and SirsiDynix each put something different there. Alma's AVA availability
 * field comes from SRU and Primo publishing, which the member adapter reads on its own.
 *
 * <p>{@code lendable} is false when the status is missing (lost, withdrawn, claimed returned) or not requestable, when
 * a system's not-for-loan flag is set, or when the use restriction, item policy, public notes, shelving location or
 * material type say reference, non-circulating, not for loan, library use only, reading room only, supervised use
 * or the German "nicht entlehnbar"/"Präsenz". A copy checked out, in transit or on hold is still lendable: it can be
 * requested for later.
 */
public final class HoldingsExtractor {

    private static final Pattern NOT_FOR_LOAN = Pattern.compile("\\b(reference|ref|non ?circulating|noncirc"
            + "|not for loan|no loan|library use only|in library use|lib use only|reading room only|supervised use"
            + "|nicht entlehnbar|pr\u00e4senz\\w*)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    /** Sierra's default item status codes. */
    private static final Map<String, ItemStatus> SIERRA_CODES = Map.of(
            "-", ItemStatus.AVAILABLE, "m", ItemStatus.MISSING, "n", ItemStatus.MISSING, "$", ItemStatus.MISSING,
            "z", ItemStatus.MISSING, "w", ItemStatus.MISSING, "t", ItemStatus.IN_TRANSIT, "!", ItemStatus.ON_HOLD,
            "o", ItemStatus.NOT_REQUESTABLE, "p", ItemStatus.UNAVAILABLE);

    private HoldingsExtractor() {
    }

    /** The holdings in a bibliographic record and in the holdings records that came with it. */
    public static List<Holding> of(MarcRecord bib, List<MarcRecord> mfhds) {
        List<Holding> holdings = new ArrayList<>(fromRecord(bib));
        for (MarcRecord mfhd : mfhds) {
            holdings.addAll(fromRecord(mfhd));
        }
        return holdings;
    }

    private static List<Holding> fromRecord(MarcRecord record) {
        List<Location> locations = record.fields("852").stream().map(f -> Location.of(f, record)).toList();
        List<Holding> holdings = new ArrayList<>();
        Set<Location> stocked = new HashSet<>();
        for (DataField field : record.dataFields()) {
            Item item = switch (field.tag()) {
                case "876" -> holdingsItem(field);
                case "ITM" -> almaItem(field);
                case "952" -> kohaItem(field);
                case "945", "949" -> ilsItem(field);
                default -> null;
            };
            if (item != null) {
                Location parent = locations.stream().filter(l -> l.isLinkedBy(item.link)).findFirst()
                        .orElse(locations.size() == 1 && item.link == null ? locations.get(0) : Location.NONE);
                // an 852 repeated with the same id is the same holding
                locations.stream().filter(l -> l.isLinkedBy(item.link) || l == parent).forEach(stocked::add);
                holdings.add(item.in(parent));
            }
        }
        for (Location location : locations) {
            if (!stocked.contains(location)) {
                List<String> conditions = new ArrayList<>(location.notes);
                conditions.add(location.shelf);
                holdings.add(new Holding(location.library, location.shelf, location.callNumber, null, null, null,
                        ItemStatus.UNKNOWN, null, lendable(ItemStatus.UNKNOWN, false, conditions), location.summary));
            }
        }
        return holdings;
    }

    /**
     * Alma writes its base status in $j and the process type in $x; ReCAP's SCSB writes a status text in $j and the
     * collection group (Shared, Open, Private), which says nothing about lending, in $x.
     */
    private static Item holdingsItem(DataField f) {
        String baseStatus = f.first('j');
        ItemStatus status = almaBaseStatus(baseStatus);
        String statusText = baseStatus;
        List<String> conditions = new ArrayList<>(f.all('h'));
        if (status != null) {
            String processType = f.first('x');
            if (processType != null) {
                ItemStatus stated = ItemStatus.fromText(processType);
                status = stated == ItemStatus.UNKNOWN ? status : stated;
                statusText = baseStatus + "; " + processType;
                conditions.add(processType);
            }
        } else {
            status = ItemStatus.fromText(baseStatus);
        }
        return new Item(firstNonNull(f.first('0'), f.first('8')), null, null, null, f.first('p'), f.first('3'), null,
                status, statusText, false, conditions);
    }

    private static Item almaItem(DataField f) {
        String baseStatus = f.first('e');
        ItemStatus status = Objects.requireNonNullElse(almaBaseStatus(baseStatus), ItemStatus.fromText(baseStatus));
        List<String> conditions = Stream.concat(f.all('f').stream(), f.all('z').stream()).toList();
        return new Item(f.first('9'), f.first('1'), f.first('2'), f.first('h'), f.first('b'), f.first('d'),
                f.first('m'), status, baseStatus, false, conditions);
    }

    /** Alma's base status: 1 the item is in place, 0 it is not; null for anything else. */
    private static ItemStatus almaBaseStatus(String value) {
        return "1".equals(value) ? ItemStatus.AVAILABLE : "0".equals(value) ? ItemStatus.UNAVAILABLE : null;
    }

    private static Item kohaItem(DataField f) {
        if (Stream.of('p', 'o', 'y', '9').allMatch(code -> f.first(code) == null)) {
            return null;
        }
        ItemStatus status = ItemStatus.AVAILABLE;
        String statusText = null;
        // Koha's flags are authorised values: 0 or empty means not set
        if (isSet(f.first('0'))) {
            status = ItemStatus.MISSING;
            statusText = "withdrawn $0 " + f.first('0');
        } else if (isSet(f.first('1'))) {
            status = ItemStatus.MISSING;
            statusText = "lost $1 " + f.first('1');
        } else if (isSet(f.first('7'))) {
            status = ItemStatus.NOT_REQUESTABLE;
            statusText = "not for loan $7 " + f.first('7');
        } else if (f.first('q') != null) {
            status = ItemStatus.CHECKED_OUT;
            statusText = "due $q " + f.first('q');
        }
        boolean refused = isSet(f.first('7')) || isSet(f.first('5'));
        return new Item(null, f.first('a'), f.first('c'), f.first('o'), f.first('p'), f.first('h'), f.first('y'),
                status, statusText, refused, f.all('z'));
    }

    private static Item ilsItem(DataField f) {
        if (f.first('i') == null) {
            return null;
        }
        String code = f.first('s');
        String currentLocation = f.first('k');
        ItemStatus status;
        String statusText;
        if (code != null) {
            status = SIERRA_CODES.getOrDefault(code, ItemStatus.fromText(code));
            statusText = code;
        } else {
            status = ItemStatus.fromText(currentLocation);
            statusText = currentLocation;
        }
        // Sierra's 945 $h is the due date of a copy on loan
        if (f.tag().equals("945") && f.first('h') != null && status == ItemStatus.AVAILABLE) {
            status = ItemStatus.CHECKED_OUT;
        }
        return new Item(null, f.first('m'), f.first('l'), f.first('a'), f.first('i'), null, f.first('t'), status,
                statusText, "N".equals(f.first('r')), List.of());
    }

    private static boolean isSet(String flag) {
        return flag != null && !flag.isBlank() && !flag.strip().equals("0");
    }

    private static boolean lendable(ItemStatus status, boolean refused, List<String> conditions) {
        if (refused || status == ItemStatus.MISSING || status == ItemStatus.NOT_REQUESTABLE) {
            return false;
        }
        return conditions.stream().filter(Objects::nonNull)
                .map(c -> c.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' '))
                .noneMatch(c -> NOT_FOR_LOAN.matcher(c).find());
    }

    private static String firstNonNull(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** An 852 with the 866 fields that belong to it. */
    private record Location(Set<String> ids, String library, String shelf, String callNumber, String summary,
            List<String> notes) {

        static final Location NONE = new Location(Set.of(), null, null, null, null, List.of());

        boolean isLinkedBy(String link) {
            return link != null && ids.contains(link);
        }

        static Location of(DataField f, MarcRecord record) {
            Set<String> ids = new HashSet<>(f.all('8'));
            ids.addAll(f.all('0'));
            boolean only = record.fields("852").size() == 1;
            List<DataField> statements = record.fields("866").stream()
                    .filter(h -> only || h.all('8').stream().anyMatch(ids::contains)
                            || h.all('0').stream().anyMatch(ids::contains))
                    .toList();
            String summary = statements.stream().flatMap(h -> h.all('a').stream()).map(String::strip)
                    .collect(Collectors.collectingAndThen(Collectors.joining("; "), s -> s.isEmpty() ? null : s));
            List<String> notes = new ArrayList<>(f.all('z'));
            statements.forEach(h -> notes.addAll(h.all('z')));
            String library = firstNonNull(f.first('b'), f.first('a'));
            return new Location(Set.copyOf(ids), library, f.first('c'), callNumber(f), summary, notes);
        }

        private static String callNumber(DataField f) {
            String shelfMark = f.first('h') != null ? f.joined("hi") : f.first('j');
            String full = Stream.of(f.first('k'), shelfMark, f.first('m')).filter(s -> s != null && !s.isBlank())
                    .map(String::strip).collect(Collectors.joining(" "));
            return full.isEmpty() ? null : full;
        }
    }

    /** An item field as read, before the holdings field it belongs to fills in what it leaves out. */
    private record Item(String link, String library, String shelf, String callNumber, String barcode,
            String enumeration, String materialType, ItemStatus status, String statusText, boolean refused,
            List<String> conditions) {

        Holding in(Location parent) {
            String shelf = firstNonNull(this.shelf, parent.shelf);
            List<String> all = new ArrayList<>(conditions);
            all.addAll(parent.notes);
            all.add(shelf);
            all.add(materialType);
            return new Holding(firstNonNull(library, parent.library), shelf,
                    firstNonNull(callNumber, parent.callNumber), barcode, enumeration, materialType, status,
                    statusText, lendable(status, refused, all), parent.summary);
        }
    }
}
