package io.alexandria.qdrant;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Dense vectors stored flat (Lucene's {@link Lucene99FlatVectorsFormat}: raw float32, memory-mapped),
 * without an HNSW graph: the local index searches exactly, with SIMD dot products over the vectors
 * a filter leaves (see the package README for the measurements behind this choice). Registered
 * through {@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat} so that Lucene finds it
 * by name when reading a segment.
 */
public final class ExactVectorsFormat extends KnnVectorsFormat {
    /** The name written into each segment. */
    public static final String NAME = "AlexandriaExactVectors";
    /** Largest dimension, as Qdrant's (65,536). */
    public static final int MAX_DIMENSIONS = 65_536;

    private final FlatVectorsFormat flat = new Lucene99FlatVectorsFormat(
            FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

    /** Used by Lucene's service loader. */
    public ExactVectorsFormat() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return flat.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return flat.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
