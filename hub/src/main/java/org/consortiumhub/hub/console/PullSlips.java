package org.consortiumhub.hub.console;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The lending library's pull slips: one slip per request to fetch from the shelves, with where the item stands, where
 * it goes and by when, three slips to an A4 page, to be cut and put in the books.
 */
public final class PullSlips {

    /** One slip: the request, the lender's copies of it, and the borrower's shipping address. */
    public record Slip(long requestId, String serviceType, boolean rush, String title, String author, String citation,
            List<String> copies, String borrowerCode, String borrowerName, List<String> shipTo, LocalDate needBefore,
            String state) {
    }

    private static final Font TITLE = new Font(Font.HELVETICA, 13, Font.BOLD);
    private static final Font LABEL = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 10);
    private static final Font BIG = new Font(Font.HELVETICA, 16, Font.BOLD);

    private PullSlips() {
    }

    public static byte[] pdf(String lenderCode, LocalDate printed, List<Slip> slips) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("Pull slips of " + lenderCode + ", " + printed);
        document.addCreator("consortium-hub");
        document.open();
        if (slips.isEmpty()) {
            document.add(new Paragraph("No requests to pull for " + lenderCode + " on " + printed + ".", TEXT));
        }
        for (int i = 0; i < slips.size(); i++) {
            if (i > 0 && i % 3 == 0) {
                document.newPage();
            }
            document.add(slip(slips.get(i), lenderCode, printed));
        }
        document.close();
        return out.toByteArray();
    }

    private static PdfPTable slip(Slip s, String lenderCode, LocalDate printed) {
        PdfPTable table = new PdfPTable(new float[] { 3, 2 });
        table.setWidthPercentage(100);
        table.setSpacingAfter(14);
        PdfPCell head = new PdfPCell(new Phrase("ILL " + s.requestId() + "  ·  " + s.serviceType() + (s.rush() ? "  ·  RUSH" : ""), BIG));
        head.setColspan(2);
        head.setPadding(6);
        table.addCell(head);

        PdfPCell item = new PdfPCell();
        item.setPadding(6);
        item.addElement(new Paragraph(s.title(), TITLE));
        if (s.author() != null) {
            item.addElement(new Paragraph(s.author(), TEXT));
        }
        if (s.citation() != null) {
            item.addElement(new Paragraph(s.citation(), TEXT));
        }
        item.addElement(label("Pull from"));
        if (s.copies().isEmpty()) {
            item.addElement(new Paragraph("no copy of " + lenderCode + " recorded in the union catalog", TEXT));
        }
        for (String copy : s.copies()) {
            item.addElement(new Paragraph(copy, TEXT));
        }
        table.addCell(item);

        PdfPCell ship = new PdfPCell();
        ship.setPadding(6);
        ship.addElement(label("Ship to"));
        ship.addElement(new Paragraph(s.borrowerName() + " (" + s.borrowerCode() + ")", TEXT));
        for (String line : s.shipTo()) {
            ship.addElement(new Paragraph(line, TEXT));
        }
        if (s.needBefore() != null) {
            ship.addElement(label("Needed before"));
            ship.addElement(new Paragraph(s.needBefore().toString(), TEXT));
        }
        ship.addElement(label("State when printed"));
        ship.addElement(new Paragraph(s.state() + " · printed " + printed, TEXT));
        table.addCell(ship);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        return table;
    }

    private static Paragraph label(String text) {
        Paragraph p = new Paragraph(new Chunk(text.toUpperCase(), LABEL));
        p.setSpacingBefore(6);
        return p;
    }
}
