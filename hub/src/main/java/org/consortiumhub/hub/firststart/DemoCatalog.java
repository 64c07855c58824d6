package org.consortiumhub.hub.firststart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;

/**
 * The demo consortium's catalog, made up by the hub itself: editions of well-known works, each held by some of
 * the five demo libraries. Libraries that hold the same edition describe it the way different catalogues do
 * (their own record numbers, ISBN-10 or ISBN-13, 260 or 264, subtitle or not, OCLC number or not, their own
 * call numbers and items), so the union catalog shows clusters with several members. Some items are on loan,
 * some are reference copies that do not circulate. The same seed always gives the same catalog.
 */
public final class DemoCatalog {

    record Work(String author, String authorDates, String title, String subtitle, String subject) {
    }

    private static final List<Work> WORKS = List.of(
            new Work("Austen, Jane", "1775-1817", "Pride and prejudice", "a novel", "Courtship -- Fiction"),
            new Work("Austen, Jane", "1775-1817", "Emma", null, "Young women -- Fiction"),
            new Work("Austen, Jane", "1775-1817", "Sense and sensibility", null, "Sisters -- Fiction"),
            new Work("Brontë, Charlotte", "1816-1855", "Jane Eyre", "an autobiography", "Governesses -- Fiction"),
            new Work("Brontë, Emily", "1818-1848", "Wuthering Heights", null, "Yorkshire (England) -- Fiction"),
            new Work("Eliot, George", "1819-1880", "Middlemarch", "a study of provincial life", "Villages -- Fiction"),
            new Work("Dickens, Charles", "1812-1870", "Great expectations", null, "Orphans -- Fiction"),
            new Work("Dickens, Charles", "1812-1870", "Bleak House", null, "Inheritance and succession -- Fiction"),
            new Work("Hardy, Thomas", "1840-1928", "Tess of the d'Urbervilles", "a pure woman", "Wessex (England) -- Fiction"),
            new Work("Melville, Herman", "1819-1891", "Moby Dick", "or, The whale", "Whaling -- Fiction"),
            new Work("Twain, Mark", "1835-1910", "Adventures of Huckleberry Finn", null, "Mississippi River -- Fiction"),
            new Work("Alcott, Louisa May", "1832-1888", "Little women", null, "Sisters -- Fiction"),
            new Work("Shelley, Mary Wollstonecraft", "1797-1851", "Frankenstein", "or, The modern Prometheus", "Monsters -- Fiction"),
            new Work("Stoker, Bram", "1847-1912", "Dracula", null, "Vampires -- Fiction"),
            new Work("Tolstoy, Leo", "1828-1910", "War and peace", null, "Napoleonic Wars, 1800-1815 -- Fiction"),
            new Work("Dostoyevsky, Fyodor", "1821-1881", "Crime and punishment", null, "Murder -- Fiction"),
            new Work("Flaubert, Gustave", "1821-1880", "Madame Bovary", null, "Adultery -- Fiction"),
            new Work("Hugo, Victor", "1802-1885", "Les misérables", null, "Paris (France) -- Fiction"),
            new Work("Cervantes Saavedra, Miguel de", "1547-1616", "Don Quixote", null, "Knights and knighthood -- Fiction"),
            new Work("Darwin, Charles", "1809-1882", "On the origin of species", "by means of natural selection", "Evolution (Biology)"),
            new Work("Smith, Adam", "1723-1790", "The wealth of nations", null, "Economics"),
            new Work("Wollstonecraft, Mary", "1759-1797", "A vindication of the rights of woman", null, "Women's rights"),
            new Work("Thoreau, Henry David", "1817-1862", "Walden", "or, Life in the woods", "Solitude"),
            new Work("Douglass, Frederick", "1818-1895", "Narrative of the life of Frederick Douglass", "an American slave", "Slavery -- United States"),
            new Work("Whitman, Walt", "1819-1892", "Leaves of grass", null, "American poetry"),
            new Work("Dickinson, Emily", "1830-1886", "Poems", null, "American poetry"),
            new Work("Conrad, Joseph", "1857-1924", "Heart of darkness", null, "Congo River -- Fiction"),
            new Work("Wilde, Oscar", "1854-1900", "The picture of Dorian Gray", null, "Portraits -- Fiction"),
            new Work("Woolf, Virginia", "1882-1941", "Mrs. Dalloway", null, "London (England) -- Fiction"),
            new Work("Joyce, James", "1882-1941", "Ulysses", null, "Dublin (Ireland) -- Fiction"),
            new Work("Fitzgerald, F. Scott", "1896-1940", "The great Gatsby", null, "Rich people -- Fiction"),
            new Work("Kafka, Franz", "1883-1924", "The trial", null, "Trials -- Fiction"),
            new Work("Homer", null, "The Odyssey", null, "Odysseus (Greek mythology) -- Poetry"),
            new Work("Shakespeare, William", "1564-1616", "Hamlet", null, "Princes -- Drama"),
            new Work("Machiavelli, Niccolò", "1469-1527", "The prince", null, "Political science"),
            new Work("Wells, H. G.", "1866-1946", "The time machine", null, "Time travel -- Fiction"),
            new Work("Chekhov, Anton Pavlovich", "1860-1904", "The cherry orchard", null, "Russia -- Drama"),
            new Work("Goethe, Johann Wolfgang von", "1749-1832", "Faust", null, "Faust, -d 1540 -- Drama"),
            new Work("Dante Alighieri", "1265-1321", "The divine comedy", null, "Hell -- Poetry"),
            new Work("Tagore, Rabindranath", "1861-1941", "Gitanjali", "song offerings", "Bengali poetry -- Translations into English"));

    private static final String[][] PUBLISHERS = {
            { "London", "Penguin Books", "enk" }, { "Oxford", "Oxford University Press", "enk" },
            { "New York", "Modern Library", "nyu" }, { "New York", "Vintage Books", "nyu" },
            { "Cambridge", "Cambridge University Press", "enk" }, { "Boston", "Houghton Mifflin", "mau" },
            { "New York", "W. W. Norton & Company", "nyu" }, { "London", "Wordsworth Editions", "enk" } };

    private static final String[] LOCATIONS = { "Main stacks", "Reading room", "Branch library", "Special collections" };

    private DemoCatalog() {
    }

    /** One catalog per demo member, keyed by member code, in the order the members were created. */
    public static Map<String, List<MarcRecord>> generate(List<String> memberCodes, long seed) {
        Random random = new Random(seed);
        Map<String, List<MarcRecord>> catalogs = new LinkedHashMap<>();
        memberCodes.forEach(code -> catalogs.put(code, new ArrayList<>()));
        int edition = 0;
        for (Work work : WORKS) {
            int editions = 2 + random.nextInt(4);
            for (int e = 0; e < editions; e++) {
                Edition ed = edition(work, ++edition, random);
                // Popular editions are held widely; others by one or two libraries.
                int holders = 1 + random.nextInt(e == 0 ? memberCodes.size() : 2);
                List<String> shuffled = new ArrayList<>(memberCodes);
                java.util.Collections.shuffle(shuffled, random);
                for (String member : shuffled.subList(0, holders)) {
                    List<MarcRecord> catalog = catalogs.get(member);
                    catalog.add(copy(ed, member, catalog.size() + 1, random));
                }
            }
        }
        return catalogs;
    }

    record Edition(Work work, int number, int year, String[] publisher, int pages, String isbn13, String oclc,
            String editionStatement) {
    }

    private static Edition edition(Work work, int number, Random random) {
        int year = 1950 + random.nextInt(74);
        String[] publisher = PUBLISHERS[random.nextInt(PUBLISHERS.length)];
        int pages = 150 + random.nextInt(700);
        String isbn = year >= 1970 ? isbn13("978" + (random.nextBoolean() ? "0" : "1") + String.format("%08d", random.nextInt(100_000_000))) : null;
        String oclc = String.valueOf(10_000_000 + random.nextInt(900_000_000));
        String editionStatement = random.nextInt(4) == 0 ? (2 + random.nextInt(3)) + "nd ed." : null;
        return new Edition(work, number, year, publisher, pages, isbn, oclc, editionStatement);
    }

    /** One library's record of an edition, catalogued its own way, with its own items. */
    private static MarcRecord copy(Edition ed, String member, int recordNumber, Random random) {
        Work w = ed.work();
        List<ControlField> control = new ArrayList<>();
        String localId = member.substring(member.indexOf('-') + 1).toLowerCase() + String.format("%06d", recordNumber);
        control.add(new ControlField("001", localId));
        control.add(new ControlField("003", member));
        String lang = w.title().equals("Les misérables") && random.nextBoolean() ? "fre" : "eng";
        control.add(new ControlField("008", "240101s" + ed.year() + "    " + pad(ed.publisher()[2], 3) + "           000 1 " + lang + " d"));

        List<DataField> fields = new ArrayList<>();
        if (ed.isbn13() != null) {
            String isbn = random.nextBoolean() ? ed.isbn13() : isbn10(ed.isbn13());
            fields.add(field("020", ' ', ' ', 'a', random.nextBoolean() ? isbn : isbn + " (paperback)"));
        }
        if (random.nextInt(3) > 0) {
            fields.add(field("035", ' ', ' ', 'a', "(OCoLC)" + (random.nextBoolean() ? "ocm" : "") + ed.oclc()));
        }
        if (w.authorDates() != null) {
            fields.add(new DataField("100", '1', ' ', List.of(new Subfield('a', w.author() + ","), new Subfield('d', w.authorDates() + "."))));
        } else {
            fields.add(field("100", '0', ' ', 'a', w.author() + "."));
        }
        int nonFiling = w.title().startsWith("The ") ? 4 : w.title().startsWith("A ") ? 2 : 0;
        List<Subfield> title = new ArrayList<>();
        boolean withSubtitle = w.subtitle() != null && random.nextInt(4) > 0;
        title.add(new Subfield('a', w.title() + (withSubtitle ? " :" : " /")));
        if (withSubtitle) {
            title.add(new Subfield('b', w.subtitle() + " /"));
        }
        title.add(new Subfield('c', invert(w.author()) + "."));
        fields.add(new DataField("245", '1', (char) ('0' + nonFiling), title));
        if (ed.editionStatement() != null) {
            fields.add(field("250", ' ', ' ', 'a', ed.editionStatement()));
        }
        List<Subfield> imprint = List.of(new Subfield('a', ed.publisher()[0] + " :"), new Subfield('b', ed.publisher()[1] + ","),
                new Subfield('c', (random.nextBoolean() ? "" : "c") + ed.year() + "."));
        fields.add(random.nextBoolean() ? new DataField("264", ' ', '1', imprint) : new DataField("260", ' ', ' ', imprint));
        String extent = switch (random.nextInt(3)) {
            case 0 -> ed.pages() + " p.";
            case 1 -> ed.pages() + " pages";
            default -> "xii, " + ed.pages() + " p. ; 20 cm";
        };
        fields.add(field("300", ' ', ' ', 'a', extent));
        fields.add(field("650", ' ', '0', 'a', w.subject() + "."));

        String callNumber = "PR" + (1000 + Math.abs(w.title().hashCode() % 8000)) + " ." + w.author().charAt(0) + ed.year();
        String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
        fields.add(new DataField("852", ' ', ' ', List.of(new Subfield('a', member), new Subfield('b', location),
                new Subfield('h', callNumber))));
        int items = 1 + random.nextInt(3);
        for (int i = 1; i <= items; i++) {
            boolean reference = location.equals("Special collections") || location.equals("Reading room") && i == 1;
            String status = reference ? "Reference" : random.nextInt(5) == 0 ? "Checked out" : "Available";
            fields.add(new DataField("949", ' ', ' ', List.of(new Subfield('a', callNumber), new Subfield('i',
                    member.substring(3) + String.format("%08d", recordNumber * 10 + i)), new Subfield('l', location),
                    new Subfield('s', status), new Subfield('t', reference ? "Non-circulating" : "Book"))));
        }
        return new MarcRecord("00000nam a2200000 i 4500", control, fields);
    }

    private static DataField field(String tag, char ind1, char ind2, char code, String value) {
        return new DataField(tag, ind1, ind2, List.of(new Subfield(code, value)));
    }

    private static String invert(String author) {
        int comma = author.indexOf(", ");
        return comma < 0 ? author : author.substring(comma + 2) + " " + author.substring(0, comma);
    }

    private static String pad(String s, int width) {
        return (s + "   ").substring(0, width);
    }

    /** Completes twelve ISBN-13 digits with their check digit. */
    static String isbn13(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return first12 + (10 - sum % 10) % 10;
    }

    /** The ISBN-10 of a 978 ISBN-13. */
    static String isbn10(String isbn13) {
        String body = isbn13.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (body.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return body + (check == 10 ? "X" : String.valueOf(check));
    }
}
