package io.alexandria.extraction.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an EPUB table of contents into {@link TocEntry}s in reading order (depth-first, as the
 * TOC lists them):
 * <ul>
 *   <li>EPUB 3 navigation document (EPUB 3.3 section 7.4): the {@code nav} element whose
 *       {@code epub:type} includes {@code toc} (or {@code role="doc-toc"}; else the first
 *       {@code nav}), every {@code a[href]} in it;</li>
 *   <li>EPUB 2 NCX (OPF 2.0.1 section 2.4.1, DAISY Z39.86): every {@code navPoint}'s
 *       {@code navLabel/text} and {@code content@src}.</li>
 * </ul>
 * Entries with a blank label or an href outside the container are left out.
 */
final class EpubToc {
    private EpubToc() {
    }

    /** Entries of the navigation document {@code nav}, stored at {@code navPath}. */
    static List<TocEntry> fromNav(Document nav, String navPath) {
        Element toc = null;
        List<Element> navs = Markup.all(nav, "nav");
        for (Element n : navs) {
            String type = (" " + Markup.attr(n, "type") + " " + n.attr("role") + " ").toLowerCase(Locale.ROOT);
            if (type.contains(" toc ") || type.contains(" doc-toc ")) {
                toc = n;
                break;
            }
        }
        if (toc == null && !navs.isEmpty()) {
            toc = navs.getFirst();
        }
        List<TocEntry> out = new ArrayList<>();
        if (toc == null) {
            return out;
        }
        String base = ContainerPaths.folder(navPath);
        for (Element a : Markup.all(toc, "a")) {
            add(out, base, Markup.attr(a, "href"), Markup.text(a));
        }
        return out;
    }

    /** Entries of the NCX {@code ncx}, stored at {@code ncxPath}. */
    static List<TocEntry> fromNcx(Document ncx, String ncxPath) {
        List<TocEntry> out = new ArrayList<>();
        Element navMap = Markup.first(ncx, "navmap");
        if (navMap == null) {
            return out;
        }
        String base = ContainerPaths.folder(ncxPath);
        for (Element point : Markup.all(navMap, "navpoint")) {
            Element label = Markup.child(point, "navlabel");
            Element content = Markup.child(point, "content");
            if (label != null && content != null) {
                add(out, base, Markup.attr(content, "src"), Markup.text(Markup.child(label, "text")));
            }
        }
        return out;
    }

    private static void add(List<TocEntry> out, String base, String href, String title) {
        String path = ContainerPaths.resolve(base, href);
        if (path != null && !title.isEmpty()) {
            out.add(new TocEntry(path, ContainerPaths.fragment(href), title));
        }
    }
}
