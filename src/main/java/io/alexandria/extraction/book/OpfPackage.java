package io.alexandria.extraction.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The parts of an EPUB package document (OPF) that extraction needs, per EPUB 3.3 section 5
 * (Package document) with EPUB 2.0.1 OPF fallbacks: Dublin Core metadata, the manifest and the
 * spine in reading order, and where the navigation document (EPUB 3 {@code properties="nav"}) or
 * the NCX (EPUB 2 {@code spine@toc}, or the NCX media type) is.
 *
 * @param title    the main {@code dc:title} (EPUB 3 {@code title-type main} if marked, else the
 *                 first), or {@code null}
 * @param authors  {@code dc:creator}s with role {@code aut} (EPUB 2 {@code opf:role} or EPUB 3
 *                 {@code meta refines role}) or without a role; all creators if none qualifies
 * @param language the first {@code dc:language}, or {@code null}
 * @param spine    spine items in reading order, including {@code linear="no"} items
 * @param nav      the EPUB 3 navigation document item, or {@code null}
 * @param ncx      the EPUB 2 NCX item, or {@code null}
 * @param warnings problems that do not stop extraction (e.g. a spine entry with no manifest item)
 */
record OpfPackage(String title, List<String> authors, String language, List<SpineItem> spine, Item nav, Item ncx,
                  List<String> warnings) {

    /**
     * A manifest item.
     *
     * @param path       its zip entry name (resolved against the OPF's folder, percent-decoded)
     * @param mediaType  its declared media type, lower case
     * @param properties its EPUB 3 {@code properties}
     */
    record Item(String id, String path, String mediaType, Set<String> properties) {
    }

    /** A spine {@code itemref}: the item and whether it is in the linear reading order. */
    record SpineItem(Item item, boolean linear) {
    }

    static final String NCX_MEDIA_TYPE = "application/x-dtbncx+xml";

    /** Reads the package document {@code opf}, stored in the container at {@code opfPath}. */
    static OpfPackage parse(Document opf, String opfPath) {
        String base = ContainerPaths.folder(opfPath);
        List<String> warnings = new ArrayList<>();
        Element metadata = Markup.first(opf, "metadata");
        Map<String, List<String>> refines = metadata == null ? Map.of() : refinements(metadata);

        String title = null;
        List<String> authors = new ArrayList<>();
        List<String> otherCreators = new ArrayList<>();
        String language = null;
        if (metadata != null) {
            for (Element t : Markup.all(metadata, "title")) {
                String text = Markup.text(t);
                if (text.isEmpty()) {
                    continue;
                }
                if (title == null || refinedAs(refines, t, "title-type").contains("main")) {
                    title = text;
                }
            }
            for (Element c : Markup.all(metadata, "creator")) {
                String name = Markup.text(c);
                if (name.isEmpty()) {
                    continue;
                }
                List<String> roles = new ArrayList<>(refinedAs(refines, c, "role"));
                String opfRole = Markup.attr(c, "role");
                if (!opfRole.isEmpty()) {
                    roles.add(opfRole.toLowerCase(Locale.ROOT));
                }
                (roles.isEmpty() || roles.contains("aut") ? authors : otherCreators).add(name);
            }
            Element lang = Markup.first(metadata, "language");
            language = Markup.text(lang).isEmpty() ? null : Markup.text(lang);
        }
        if (authors.isEmpty()) {
            authors = otherCreators;
        }

        Map<String, Item> manifest = new LinkedHashMap<>();
        Element manifestEl = Markup.first(opf, "manifest");
        if (manifestEl != null) {
            for (Element i : Markup.children(manifestEl, "item")) {
                String id = Markup.attr(i, "id");
                String path = ContainerPaths.resolve(base, Markup.attr(i, "href"));
                if (id.isEmpty() || path == null) {
                    continue;
                }
                Set<String> props = Set.of(Markup.attr(i, "properties").toLowerCase(Locale.ROOT).split("\\s+"));
                manifest.putIfAbsent(id, new Item(id, path, Markup.attr(i, "media-type").toLowerCase(Locale.ROOT)
                        .strip(), props));
            }
        }

        List<SpineItem> spine = new ArrayList<>();
        Item ncx = null;
        Element spineEl = Markup.first(opf, "spine");
        if (spineEl != null) {
            for (Element ref : Markup.children(spineEl, "itemref")) {
                Item item = manifest.get(Markup.attr(ref, "idref"));
                if (item == null) {
                    warnings.add("spine refers to a missing manifest item: " + Markup.attr(ref, "idref"));
                    continue;
                }
                spine.add(new SpineItem(item, !"no".equalsIgnoreCase(Markup.attr(ref, "linear").strip())));
            }
            ncx = manifest.get(Markup.attr(spineEl, "toc"));
        }
        Item nav = null;
        for (Item item : manifest.values()) {
            if (nav == null && item.properties().contains("nav")) {
                nav = item;
            }
            if (ncx == null && NCX_MEDIA_TYPE.equals(item.mediaType())) {
                ncx = item;
            }
        }
        return new OpfPackage(title, List.copyOf(authors), language, List.copyOf(spine), nav, ncx,
                List.copyOf(warnings));
    }

    /** EPUB 3 {@code <meta refines="#id" property="p">value</meta>}: "#id property" → values. */
    private static Map<String, List<String>> refinements(Element metadata) {
        Map<String, List<String>> out = new HashMap<>();
        for (Element m : Markup.all(metadata, "meta")) {
            String refines = Markup.attr(m, "refines").strip();
            String property = Markup.attr(m, "property").strip();
            if (refines.startsWith("#") && !property.isEmpty()) {
                out.computeIfAbsent(refines.substring(1) + " " + property, k -> new ArrayList<>())
                        .add(Markup.text(m).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static List<String> refinedAs(Map<String, List<String>> refines, Element e, String property) {
        String id = Markup.attr(e, "id");
        return id.isEmpty() ? List.of() : refines.getOrDefault(id + " " + property, List.of());
    }
}
