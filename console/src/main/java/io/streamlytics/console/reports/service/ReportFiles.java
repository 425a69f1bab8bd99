package io.streamlytics.console.reports.service;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.streamlytics.console.reports.domain.ReportTable;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A report's files: a CSV per part, and one PDF with every part as a table. */
final class ReportFiles {
    /** Rows of a part that go into the PDF; the CSV has them all. */
    static final int PDF_ROWS = 400;

    /** Liberation Sans, which OpenPDF ships: covers →, · and most scripts Helvetica does not. */
    private static final BaseFont FONT = font();

    private ReportFiles() {}

    /** The part as CSV (RFC 4180, UTF-8, a header row). */
    static byte[] csv(ReportTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CSVPrinter printer =
                new CSVPrinter(
                        new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(table.columns().toArray(String[]::new))
                                .get())) {
            for (List<String> row : table.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The whole report: a heading, then each part's table (landscape A4). */
    static byte[] pdf(String title, String subtitle, List<ReportTable> tables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        try {
            PdfWriter.getInstance(document, bytes);
            document.addTitle(title);
            document.addCreator("Streamlytics");
            document.open();
            document.add(new Paragraph(title, new Font(FONT, 18, Font.BOLD)));
            document.add(new Paragraph(subtitle, new Font(FONT, 9, Font.NORMAL, Color.GRAY)));
            for (ReportTable table : tables) {
                Paragraph heading = new Paragraph(table.title(), new Font(FONT, 13, Font.BOLD));
                heading.setSpacingBefore(14);
                heading.setSpacingAfter(6);
                document.add(heading);
                document.add(table(table));
                if (table.rows().size() > PDF_ROWS) {
                    document.add(
                            new Paragraph(
                                    String.format(
                                            Locale.ROOT,
                                            "The first %d of %d rows; the CSV has them all.",
                                            PDF_ROWS,
                                            table.rows().size()),
                                    new Font(FONT, 8, Font.ITALIC)));
                }
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("could not write the report's PDF", e);
        }
        return bytes.toByteArray();
    }

    private static PdfPTable table(ReportTable table) {
        PdfPTable pdf = new PdfPTable(Math.max(1, table.columns().size()));
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        Font header = new Font(FONT, 8, Font.BOLD);
        Font body = new Font(FONT, 8, Font.NORMAL);
        for (String column : table.columns()) {
            PdfPCell cell = new PdfPCell(new Phrase(column, header));
            cell.setBackgroundColor(new Color(235, 238, 245));
            pdf.addCell(cell);
        }
        table.rows().stream()
                .limit(PDF_ROWS)
                .forEach(
                        row -> {
                            for (int i = 0; i < table.columns().size(); i++) {
                                PdfPCell cell =
                                        new PdfPCell(
                                                new Phrase(i < row.size() ? row.get(i) : "", body));
                                if (i > 0) {
                                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                                }
                                pdf.addCell(cell);
                            }
                        });
        return pdf;
    }

    private static BaseFont font() {
        String name = "font-fallback/LiberationSans-Regular.ttf";
        try (InputStream in = ReportFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return BaseFont.createFont();
            }
            return BaseFont.createFont(
                    "LiberationSans-Regular.ttf",
                    BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED,
                    true,
                    in.readAllBytes(),
                    null);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("could not load the PDF font " + name, e);
        }
    }
}
