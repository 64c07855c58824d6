package org.consortiumhub.catalog.holdings;

/**
 * One copy a member holds, or one holdings statement where the member's export lists no items (typical of serials).
 * Values the export does not give are null.
 *
 * @param location the library or branch that holds it (852 $b, Koha homebranch, Alma library)
 * @param sublocation the collection or shelving location within it (852 $c, Koha location, Alma location)
 * @param callNumber the shelf mark, prefix and suffix included
 * @param barcode the item's barcode
 * @param enumeration which volume or issue the item is, e.g. "v.4"
 * @param materialType the item or material type the library system gives, e.g. "BOOK"
 * @param status what the export says about its availability, read into the hub's vocabulary
 * @param statusText the status as the export gives it, e.g. "Checked out" or Alma's base status "0"
 * @param lendable whether the member's policy lets it go out on loan at all: false for reference, library-use-only,
 *        non-circulating, lost, missing and withdrawn copies. A copy on loan now is still lendable
 * @param summary what a holdings statement says the member has, e.g. "v.1 (1930)-v.171/172 (2015)" (866 $a)
 */
public record Holding(String location, String sublocation, String callNumber, String barcode, String enumeration,
        String materialType, ItemStatus status, String statusText, boolean lendable, String summary) {
}
