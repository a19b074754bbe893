package io.alexandria.chunking;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an {@link ExtractedDocument} into token-bounded chunks, heading-aware: a chunk never
 * spans two sections, and each carries its section's heading path / chapter / page. Within a
 * section, paragraphs are packed greedily up to {@link ChunkingOptions#maxTokens()} (counted with
 * the model's own tokenizer, context line included); a paragraph too long for one chunk is split
 * at sentence boundaries, a sentence too long at word boundaries, and a word too long by
 * characters. Consecutive chunks of one section share up to
 * {@link ChunkingOptions#overlapTokens()} tokens of trailing units. Deterministic: the same
 * document always gives the same chunks.
 */
public final class Chunker {
    private final TokenCounter counter;
    private final ChunkingOptions options;

    public Chunker(TokenCounter counter, ChunkingOptions options) {
        this.counter = counter;
        this.options = options;
    }

    /** The options in use. */
    public ChunkingOptions options() {
        return options;
    }

    /** Chunks the whole document; ordinals run from 0 across all sections. */
    public List<Chunk> chunk(ExtractedDocument document) {
        List<Chunk> out = new ArrayList<>();
        for (Section section : document.sections()) {
            chunkSection(section, out);
        }
        return out;
    }

    private void chunkSection(Section section, List<Chunk> out) {
        String context = String.join(" > ", section.headingPath());
        int contextTokens = context.isEmpty() ? 0 : counter.count(context);
        int budget = Math.max(options.maxTokens() / 4, options.maxTokens() - contextTokens);
        List<Unit> units = new ArrayList<>();
        for (String paragraph : section.paragraphs()) {
            if (!paragraph.isBlank()) {
                split(paragraph.strip(), budget, units);
            }
        }
        List<Unit> current = new ArrayList<>();
        int currentTokens = 0;
        for (Unit unit : units) {
            if (!current.isEmpty() && currentTokens + unit.tokens > budget) {
                out.add(emit(current, section, contextTokens, out.size()));
                List<Unit> overlap = overlapOf(current, budget - unit.tokens);
                current = new ArrayList<>(overlap);
                currentTokens = overlap.stream().mapToInt(u -> u.tokens).sum();
            }
            current.add(unit);
            currentTokens += unit.tokens;
        }
        if (!current.isEmpty()) {
            out.add(emit(current, section, contextTokens, out.size()));
        }
    }

    /** Trailing units of a finished chunk to repeat, at most overlapTokens and fitting {@code room}. */
    private List<Unit> overlapOf(List<Unit> chunk, int room) {
        int limit = Math.min(options.overlapTokens(), room);
        List<Unit> tail = new ArrayList<>();
        int tokens = 0;
        for (int i = chunk.size() - 1; i > 0; i--) {
            Unit u = chunk.get(i);
            if (tokens + u.tokens > limit) {
                break;
            }
            tail.addFirst(u);
            tokens += u.tokens;
        }
        if (!tail.isEmpty()) {
            Unit first = tail.getFirst();
            tail.set(0, new Unit(first.text, first.tokens, false));
        }
        return tail;
    }

    private Chunk emit(List<Unit> units, Section section, int contextTokens, int ordinal) {
        StringBuilder text = new StringBuilder();
        int tokens = contextTokens;
        for (Unit u : units) {
            if (!text.isEmpty()) {
                text.append(u.continuesParagraph ? " " : "\n\n");
            }
            text.append(u.text);
            tokens += u.tokens;
        }
        return new Chunk(ordinal, text.toString(), section.headingPath(), section.chapter(), section.page(), tokens);
    }

    /** Appends {@code paragraph} as one unit, or as sentence/word/character pieces if too long. */
    private void split(String paragraph, int budget, List<Unit> units) {
        int tokens = counter.count(paragraph);
        if (tokens <= budget) {
            units.add(new Unit(paragraph, tokens, false));
            return;
        }
        boolean first = true;
        for (String sentence : pieces(paragraph, BreakIterator.getSentenceInstance(Locale.ROOT))) {
            int st = counter.count(sentence);
            if (st <= budget) {
                units.add(new Unit(sentence, st, !first));
            } else {
                splitWords(sentence, budget, units, !first);
            }
            first = false;
        }
    }

    private void splitWords(String sentence, int budget, List<Unit> units, boolean continues) {
        StringBuilder piece = new StringBuilder();
        int pieceTokens = 0;
        boolean cont = continues;
        for (String word : sentence.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int wt = counter.count(word);
            if (wt > budget) {
                if (!piece.isEmpty()) {
                    units.add(new Unit(piece.toString(), pieceTokens, cont));
                    cont = true;
                    piece.setLength(0);
                    pieceTokens = 0;
                }
                splitChars(word, budget, units, cont);
                cont = true;
                continue;
            }
            if (pieceTokens + wt > budget && !piece.isEmpty()) {
                units.add(new Unit(piece.toString(), counter.count(piece.toString()), cont));
                cont = true;
                piece.setLength(0);
                pieceTokens = 0;
            }
            if (!piece.isEmpty()) {
                piece.append(' ');
            }
            piece.append(word);
            pieceTokens += wt;
        }
        if (!piece.isEmpty()) {
            units.add(new Unit(piece.toString(), counter.count(piece.toString()), cont));
        }
    }

    /** Splits a single over-long word (a URL, base64…) into the longest prefixes that fit. */
    private void splitChars(String word, int budget, List<Unit> units, boolean continues) {
        int start = 0;
        boolean cont = continues;
        while (start < word.length()) {
            int lo = start + 1;
            int hi = word.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (counter.count(word.substring(start, mid)) <= budget) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (Character.isHighSurrogate(word.charAt(lo - 1)) && lo < word.length() && lo - 1 > start) {
                lo--;
            }
            String piece = word.substring(start, lo);
            units.add(new Unit(piece, counter.count(piece), cont));
            cont = true;
            start = lo;
        }
    }

    private static List<String> pieces(String text, BreakIterator it) {
        it.setText(text);
        List<String> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A packable piece of text; {@code continuesParagraph} joins it to the previous with a space. */
    private record Unit(String text, int tokens, boolean continuesParagraph) {
    }
}
