package org.consortiumhub.catalog.marc;

import java.util.ArrayList;
import java.util.List;

/** A MARC data field (tags 010-999): tag, two indicators and subfields, in the order catalogued. */
public record DataField(String tag, char ind1, char ind2, List<Subfield> subfields) {

    public DataField {
        subfields = List.copyOf(subfields);
    }

    /** The first value of a subfield, or null. */
    public String first(char code) {
        for (Subfield s : subfields) {
            if (s.code() == code) {
                return s.value();
            }
        }
        return null;
    }

    /** Every value of a subfield, in order. */
    public List<String> all(char code) {
        List<String> values = new ArrayList<>(2);
        for (Subfield s : subfields) {
            if (s.code() == code) {
                values.add(s.value());
            }
        }
        return values;
    }

    /** The values of the given subfields joined by spaces, in field order (e.g. 245 $a $b). */
    public String joined(String codes) {
        StringBuilder s = new StringBuilder();
        for (Subfield sf : subfields) {
            if (codes.indexOf(sf.code()) >= 0) {
                if (s.length() > 0) {
                    s.append(' ');
                }
                s.append(sf.value());
            }
        }
        return s.toString();
    }
}
