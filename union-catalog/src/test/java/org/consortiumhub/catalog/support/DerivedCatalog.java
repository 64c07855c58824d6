package org.consortiumhub.catalog.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.match.MatchKey;

/**
 * Members' catalogues with known ground truth: real catalogues rarely share records, so overlapping subsets of
 * real source records are given to several members, each copy derived by {@link MemberCopies}. Copies of one
 * source describe one manifestation; copies of different sources describe different ones.
 */
public final class DerivedCatalog {

    /** Real bibliographic records of many kinds and origins (see ../shared/data/SOURCES.md). */
    public static final List<String> SOURCE_FILES = List.of(
            "marc/perf_2k_bib_Create.mrc",
            "marc/perf_For_DISC_HRID_match_1k.mrc",
            "marc/eg_lul_fre_500.mrc",
            "marc/eg_jazz_1k.mrc",
            "marc/multi-library/british_library.xml",
            "marc/multi-library/dnb.xml",
            "marc/multi-library/gwu.xml",
            "marc/multi-library/loc_general.xml",
            "marc/multi-library/nlm.xml",
            "marc/multi-library/oclc.xml",
            "marc/multi-library/princeton.xml",
            "marc/multi-library/Marc-01.xml");

    private static final Pattern YEAR = Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})\\b");

    /** One member's copy of source record number {@code source}. */
    public record Copy(int source, String member, MarcRecord record) {
    }

    private DerivedCatalog() {
    }

    /**
     * The bibliographic records of {@link #SOURCE_FILES}, without the few that repeat an earlier one's 001 or
     * identifier (a file holding one manifestation twice would make the ground truth wrong, not the matcher).
     */
    public static List<MarcRecord> sources() {
        List<MarcRecord> sources = new ArrayList<>();
        Set<MatchKey> seenIdentifiers = new HashSet<>();
        for (String file : SOURCE_FILES) {
            Set<String> seenControlNumbers = new HashSet<>();
            for (MarcRecord r : SharedMarcFiles.read(file)) {
                if (r.isHoldings() || r.typeOfRecord() == 'z' || r.typeOfRecord() == 'w'
                        || !seenControlNumbers.add(String.valueOf(r.controlNumber()))) {
                    continue;
                }
                List<MatchKey> identifiers = ManifestationProfile.of(r).matchKeys().stream()
                        .filter(k -> k.kind().isIdentifier())
                        .toList();
                if (identifiers.stream().noneMatch(seenIdentifiers::contains)) {
                    seenIdentifiers.addAll(identifiers);
                    sources.add(r);
                }
            }
        }
        return sources;
    }

    /**
     * Each member holds each source with probability {@code holdingShare} (a source no member drew goes to one
     * member), in its own derived copy; members are named M1, M2, …. Sources are numbered from
     * {@code firstSource}, and a copy's 001 is its member and source number.
     */
    public static List<Copy> derive(List<MarcRecord> sources, int firstSource, int members, double holdingShare,
            long seed) {
        Random random = new Random(seed);
        MemberCopies copies = new MemberCopies(seed);
        List<Copy> catalog = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            List<Integer> holders = new ArrayList<>();
            for (int m = 1; m <= members; m++) {
                if (random.nextDouble() < holdingShare) {
                    holders.add(m);
                }
            }
            if (holders.isEmpty()) {
                holders.add(1 + random.nextInt(members));
            }
            int source = firstSource + s;
            for (int m : holders) {
                String member = "M" + m;
                catalog.add(new Copy(source, member, copies.copy(sources.get(s), member, member + "-" + source)));
            }
        }
        return catalog;
    }

    /**
     * A later issue of a source, for scaling the real records up: published {@code generation} years later as a
     * numbered reissue (so records without a date differ too), under new ISBNs and OCLC numbers, without LCCN or
     * ISSN, so it is a manifestation of its own.
     */
    public static MarcRecord reissue(MarcRecord source, int generation) {
        List<ControlField> controlFields = new ArrayList<>();
        for (ControlField f : source.controlFields()) {
            String v = f.value();
            if (f.tag().equals("008") && v.length() >= 11 && YEAR.matcher(v.substring(7, 11)).matches()) {
                v = v.substring(0, 7) + (Integer.parseInt(v.substring(7, 11)) + generation) + v.substring(11);
            }
            controlFields.add(new ControlField(f.tag(), f.tag().equals("001") ? v + "-g" + generation : v));
        }
        List<DataField> dataFields = new ArrayList<>();
        for (DataField f : source.dataFields()) {
            switch (f.tag()) {
                case "010", "022", "250" -> { }
                case "020", "035", "260", "264" -> dataFields.add(reissued(f, generation));
                default -> dataFields.add(f);
            }
        }
        dataFields.add(new DataField("250", ' ', ' ', List.of(new Subfield('a', "Reissue " + generation + "."))));
        return new MarcRecord(source.leader(), controlFields, dataFields);
    }

    /** Every run of digits in the field shifted: new identifiers, dates {@code generation} years on. */
    private static DataField reissued(DataField f, int generation) {
        List<Subfield> subfields = new ArrayList<>();
        for (Subfield s : f.subfields()) {
            String value = s.value();
            Matcher year = YEAR.matcher(value);
            if (f.tag().equals("020") && s.code() == 'a') {
                String first12 = "978" + String.format("%09d", (digitsOf(value) + 7919L * generation) % 1_000_000_000L);
                value = first12 + isbn13CheckDigit(first12);
            } else if (f.tag().equals("035") && s.code() == 'a' && value.contains("OCoLC")) {
                value = "(OCoLC)" + (digitsOf(value) + 2_000_000_000L * generation);
            } else if (s.code() == 'c' && year.find()) {
                value = value.substring(0, year.start()) + (Integer.parseInt(year.group()) + generation)
                        + value.substring(year.end());
            }
            subfields.add(new Subfield(s.code(), value));
        }
        return new DataField(f.tag(), f.ind1(), f.ind2(), subfields);
    }

    private static long digitsOf(String value) {
        String digits = value.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits.substring(Math.max(0, digits.length() - 9)));
    }

    private static char isbn13CheckDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
