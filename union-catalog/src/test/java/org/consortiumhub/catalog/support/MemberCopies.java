package org.consortiumhub.catalog.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;
import org.consortiumhub.catalog.match.Isbn;
import org.consortiumhub.catalog.match.OclcNumber;

/**
 * Derives a member's copy of a real record with the differences real cataloguing has between libraries: its own
 * 001, 003 and 040; ISBNs as ISBN-10 or ISBN-13, hyphenated or not, qualified or not, or left out; the OCLC number
 * in some copies only and in varying forms; 260 turned into 264 and back; the title in other case, without ISBD
 * punctuation, without its subtitle or with the subtitle typed into $a; the extent worded differently; author
 * dates left out; notes dropped; local 9XX fields added. Deterministic for a seed.
 */
public final class MemberCopies {

    private static final Pattern YEAR = Pattern.compile("(1[0-9]{3}|20[0-9]{2})");
    private static final Pattern PAGES = Pattern.compile("^(?:[ivxlc]+, )?(\\d+) ?(?:p\\.?|pages)(?: ;| :|\\.)?$");

    private final Random random;
    private long barcode = 31_000_000;

    public MemberCopies(long seed) {
        this.random = new Random(seed);
    }

    public MarcRecord copy(MarcRecord source, String member, String localId) {
        boolean keepIsbns = random.nextDouble() >= 0.15;
        boolean keepOclcNumber = random.nextDouble() < 0.6;
        boolean rda = random.nextDouble() < (source.field("264") != null ? 0.7 : 0.5);
        List<ControlField> controlFields = new ArrayList<>();
        controlFields.add(new ControlField("001", localId));
        controlFields.add(new ControlField("003", member));
        controlFields.add(new ControlField("005", "20240" + (1 + random.nextInt(9)) + "15093000.0"));
        List<DataField> dataFields = new ArrayList<>();
        if (keepOclcNumber && "OCoLC".equals(source.controlField("003")) && source.controlNumber() != null) {
            dataFields.add(oclcField(OclcNumber.normalize(source.controlNumber())));
        }
        for (ControlField f : source.controlFields()) {
            switch (f.tag()) {
                case "001", "003", "005" -> { }
                case "008" -> controlFields.add(new ControlField("008", fixedField(f.value(), source)));
                default -> controlFields.add(f);
            }
        }
        for (DataField f : source.dataFields()) {
            String tag = f.tag();
            switch (tag) {
                case "020" -> {
                    if (keepIsbns) {
                        dataFields.add(isbnField(f));
                    }
                }
                case "035" -> {
                    String oclc = f.first('a') == null ? null : OclcNumber.fromSystemControlNumber(f.first('a'));
                    if (oclc != null && keepOclcNumber) {
                        dataFields.add(oclcField(oclc));
                    }
                }
                case "040" -> dataFields.add(field("040", ' ', ' ', 'a', member, 'c', member));
                case "100" -> dataFields.add(authorField(f));
                case "245" -> dataFields.add(titleField(f));
                case "260", "264" -> dataFields.add(publicationField(f, rda));
                case "300" -> dataFields.add(extentField(f));
                default -> {
                    boolean note = tag.startsWith("5") && random.nextDouble() < 0.3;
                    if (!note && !tag.startsWith("9")) {
                        dataFields.add(f);
                    }
                }
            }
        }
        dataFields.add(field("035", ' ', ' ', 'a', "(" + member + ")" + localId));
        dataFields.add(field("949", ' ', ' ', 'a', "MAIN", 'i', String.valueOf(barcode++), 't', "BOOK"));
        if (random.nextBoolean()) {
            dataFields.add(field("999", 'f', 'f', 'c', localId, 'd', member.toLowerCase(Locale.ROOT)));
        }
        return new MarcRecord(source.leader(), controlFields, dataFields);
    }

    /** Now and then a member codes the date as unknown in 008 and gives it only in the imprint. */
    private String fixedField(String value, MarcRecord source) {
        String imprint = source.first("264", 'c') != null ? source.first("264", 'c') : source.first("260", 'c');
        Matcher year = YEAR.matcher(imprint == null ? "" : imprint);
        if (value.length() >= 11 && year.find() && year.group(1).equals(value.substring(7, 11))
                && random.nextDouble() < 0.05) {
            return value.substring(0, 7) + "uuuu" + value.substring(11);
        }
        return value;
    }

    private DataField isbnField(DataField f) {
        List<Subfield> subfields = new ArrayList<>();
        for (Subfield s : f.subfields()) {
            String isbn13 = s.code() == 'a' ? Isbn.normalize(s.value()) : null;
            subfields.add(isbn13 == null ? s : new Subfield('a', isbnForm(isbn13)));
        }
        return new DataField("020", f.ind1(), f.ind2(), subfields);
    }

    private String isbnForm(String isbn13) {
        String number = switch (random.nextInt(4)) {
            case 0 -> isbn13;
            case 1 -> isbn13.substring(0, 3) + "-" + isbn13.substring(3, 4) + "-" + isbn13.substring(4, 8) + "-"
                    + isbn13.substring(8, 12) + "-" + isbn13.substring(12);
            default -> isbn13.startsWith("978") ? isbn10(isbn13, random.nextBoolean()) : isbn13;
        };
        return switch (random.nextInt(5)) {
            case 0 -> number + " (pbk.)";
            case 1 -> number + " (paperback)";
            case 2 -> number + " :";
            default -> number;
        };
    }

    private static String isbn10(String isbn13, boolean hyphenated) {
        String body = isbn13.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (body.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        String isbn10 = body + (check == 10 ? "X" : String.valueOf(check));
        return hyphenated
                ? isbn10.charAt(0) + "-" + isbn10.substring(1, 4) + "-" + isbn10.substring(4, 9) + "-"
                        + isbn10.charAt(9)
                : isbn10;
    }

    private DataField oclcField(String oclc) {
        String form = switch (random.nextInt(4)) {
            case 0 -> "(OCoLC)" + oclc;
            case 1 -> "(OCoLC)ocm" + "0".repeat(Math.max(0, 8 - oclc.length())) + oclc;
            case 2 -> "(OCoLC)ocn" + oclc;
            default -> "(OCoLC)0" + oclc;
        };
        return field("035", ' ', ' ', 'a', form);
    }

    private DataField authorField(DataField f) {
        if (random.nextDouble() >= 0.3) {
            return f;
        }
        List<Subfield> subfields = new ArrayList<>();
        for (Subfield s : f.subfields()) {
            if (s.code() == 'a') {
                subfields.add(new Subfield('a', s.value().replaceAll(",$", "")));
            } else if (s.code() != 'd') {
                subfields.add(s);
            }
        }
        return new DataField(f.tag(), f.ind1(), f.ind2(), subfields);
    }

    private DataField titleField(DataField f) {
        double subtitle = random.nextDouble();
        int casing = random.nextInt(10);
        boolean isbdPunctuation = random.nextDouble() < 0.7;
        List<Subfield> subfields = new ArrayList<>();
        for (Subfield s : f.subfields()) {
            String value = recase(s.value(), casing, s.code() == 'a');
            if (!isbdPunctuation) {
                value = value.replaceAll("\\s*[/:;=.,]$", "");
            }
            boolean hasPrevious = !subfields.isEmpty() && subfields.get(subfields.size() - 1).code() == 'a';
            if (s.code() == 'b' && subtitle < 0.2) {
                continue;
            } else if (s.code() == 'b' && subtitle < 0.35 && hasPrevious) {
                Subfield a = subfields.remove(subfields.size() - 1);
                String title = a.value().replaceAll("\\s*:$", "");
                subfields.add(new Subfield('a', title + " : " + value));
            } else {
                subfields.add(new Subfield(s.code(), value));
            }
        }
        return new DataField("245", f.ind1(), f.ind2(), subfields);
    }

    /** Sentence case (some members), capitals (old card conversions) or as catalogued. */
    private static String recase(String value, int casing, boolean first) {
        if (casing < 3) {
            String lower = value.toLowerCase(Locale.ROOT);
            return first && !lower.isEmpty() ? value.substring(0, 1) + lower.substring(1) : lower;
        }
        return casing == 3 ? value.toUpperCase(Locale.ROOT) : value;
    }

    /** 260 and 264 _1 interchanged, with the date written as members write it. */
    private DataField publicationField(DataField f, boolean rda) {
        if (f.tag().equals("264") && f.ind2() != '1') {
            return f;
        }
        List<Subfield> subfields = new ArrayList<>();
        for (Subfield s : f.subfields()) {
            Matcher year = YEAR.matcher(s.value());
            if (s.code() == 'c' && year.find()) {
                String y = year.group(1);
                subfields.add(new Subfield('c', switch (random.nextInt(4)) {
                    case 0 -> y + ".";
                    case 1 -> "c" + y + ".";
                    case 2 -> "[" + y + "]";
                    default -> y;
                }));
            } else {
                subfields.add(s);
            }
        }
        return rda ? new DataField("264", ' ', '1', subfields) : new DataField("260", ' ', ' ', subfields);
    }

    /** "345 p." as "345 pages", "xii, 345 p." or with illustrations said in $b. */
    private DataField extentField(DataField f) {
        String a = f.first('a');
        Matcher pages = a == null ? null : PAGES.matcher(a.strip());
        if (pages == null || !pages.matches()) {
            return f;
        }
        String n = pages.group(1);
        List<Subfield> subfields = new ArrayList<>();
        subfields.add(new Subfield('a', switch (random.nextInt(4)) {
            case 0 -> n + " p.";
            case 1 -> n + " pages";
            case 2 -> "xii, " + n + " p. :";
            default -> a;
        }));
        for (Subfield s : f.subfields()) {
            if (s.code() != 'a') {
                subfields.add(s);
            }
        }
        return new DataField("300", f.ind1(), f.ind2(), subfields);
    }

    private static DataField field(String tag, char ind1, char ind2, Object... codesAndValues) {
        List<Subfield> subfields = new ArrayList<>();
        for (int i = 0; i < codesAndValues.length; i += 2) {
            subfields.add(new Subfield((Character) codesAndValues[i], (String) codesAndValues[i + 1]));
        }
        return new DataField(tag, ind1, ind2, subfields);
    }
}
