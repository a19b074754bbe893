package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDFBox's text stripper, run once over the whole document, collecting each page's text lines
 * with their positions and handing the page's paragraphs ({@link PdfParagraphs}) to a
 * {@link PageSink} as soon as the page is done. It checks the deadline every
 * {@value #OPERATORS_PER_CHECK} content-stream operators (so one huge page cannot run far past
 * the budget) and after each page. A page whose content stream fails to parse is reported to the
 * sink and skipped instead of failing the book. Not thread-safe: one instance per extraction.
 */
final class PdfPageStripper extends PDFTextStripper {
    private static final int OPERATORS_PER_CHECK = 4096;

    /** Receives each page's paragraphs (1-based page number). */
    interface PageSink {
        void page(int pageNumber, List<String> paragraphs) throws ExtractionException;

        void pageFailed(int pageNumber, Exception cause);
    }

    private final ExtractionGuard guard;
    private final PageSink sink;
    private final List<PdfParagraphs.Line> lines = new ArrayList<>();
    private final StringBuilder lineText = new StringBuilder();
    private TextPosition lineFirst;
    private TextPosition lineLast;
    private int operators;

    PdfPageStripper(ExtractionGuard guard, PageSink sink) {
        this.guard = guard;
        this.sink = sink;
    }

    /** Runs over every page of {@code document}. */
    void run(PDDocument document) throws IOException {
        writeText(document, Writer.nullWriter());
    }

    @Override
    public void processPage(PDPage page) throws IOException {
        try {
            super.processPage(page);
        } catch (IOException | RuntimeException e) {
            if (GuardTrip.in(e) != null) {
                throw e;
            }
            sink.pageFailed(getCurrentPageNo(), e);
        }
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
        lines.clear();
        lineText.setLength(0);
        lineFirst = null;
        super.startPage(page);
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
        endLine();
        super.endPage(page);
        try {
            guard.checkDeadline();
            sink.page(getCurrentPageNo(), PdfParagraphs.of(lines));
        } catch (ExtractionException e) {
            throw new GuardTrip(e);
        }
        lines.clear();
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        if (positions.isEmpty()) {
            lineText.append(text);
            return;
        }
        if (lineFirst == null) {
            lineFirst = positions.getFirst();
        }
        lineLast = positions.getLast();
        lineText.append(text);
    }

    @Override
    protected void writeWordSeparator() {
        lineText.append(' ');
    }

    @Override
    protected void writeLineSeparator() {
        endLine();
    }

    @Override
    protected void writeParagraphStart() {
        endLine();
    }

    @Override
    protected void writeParagraphEnd() {
        endLine();
    }

    @Override
    protected void writePageStart() {
        endLine();
    }

    @Override
    protected void writePageEnd() {
        endLine();
    }

    private void endLine() {
        if (lineFirst != null && !lineText.isEmpty()) {
            lines.add(new PdfParagraphs.Line(lineText.toString(), lineFirst.getXDirAdj(),
                    lineLast.getXDirAdj() + lineLast.getWidthDirAdj(), lineFirst.getYDirAdj(),
                    lineFirst.getFontSizeInPt()));
        }
        lineText.setLength(0);
        lineFirst = null;
        lineLast = null;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators % OPERATORS_PER_CHECK == 0) {
            try {
                guard.checkDeadline();
            } catch (ExtractionException e) {
                throw new GuardTrip(e);
            }
        }
        super.processOperator(operator, operands);
    }
}
