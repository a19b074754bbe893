package io.alexandria.qdrant;

import com.google.protobuf.InvalidProtocolBufferException;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * How a point is laid out as a Lucene document, and read back.
 *
 * <ul>
 *   <li>{@code _id}: the id's sortable bytes ({@link PointKey#toBytes()}), indexed and as sorted doc
 *       values (scroll order, reading the id).</li>
 *   <li>{@code _src}: stored; the point as a {@link PointStruct} (id, payload, sparse vectors, and an
 *       empty dense entry naming each dense vector); {@code _ver}: stored version.</li>
 *   <li>{@code _vec}: indexed vector names ({@code has_vector}).</li>
 *   <li>{@code v\0NAME}: each dense vector, flat float32 ({@link ExactVectorsFormat}).</li>
 *   <li>{@code si\0NAME}: each sparse vector's indices as terms with the weights as payloads
 *       ({@link SparseTokenStream}: which points share an index, their weights, document frequency
 *       for IDF); {@code _sv}: the names of the point's non-empty sparse vectors (the point count
 *       for IDF). The vectors themselves are in {@code _src}.</li>
 *   <li>Per payload index on key {@code F}, over every value at the key path (arrays flattened one
 *       level, as Qdrant's index): {@code k\0F} strings, {@code n\0F} integers, {@code d\0F} all
 *       numbers as doubles, {@code b\0F} booleans, {@code t\0F} date-time strings as microseconds,
 *       {@code x\0F} text tokens (text index only); {@code _has} = F when a value fits the index
 *       type; facet doc values {@code fk\0F} (keyword/uuid/bool) or {@code fn\0F} (integer);
 *       order doc values {@code o\0F} (integer, datetime: long; float: sortable double);
 *       {@code _ne} = F when the key is not empty ({@code is_empty} does not hold).</li>
 * </ul>
 * Every value kind is indexed for every payload index, so a filter condition on an indexed key
 * translates to an exact Lucene query whatever the index type ({@link LuceneFilters}).
 */
final class PointDocuments {
    static final String ID = "_id";
    static final String SRC = "_src";
    static final String VER = "_ver";
    static final String VEC = "_vec";
    static final String HAS = "_has";
    static final String SPARSE_PRESENT = "_sv";
    static final String NON_EMPTY = "_ne";
    private static final Set<String> STORED = Set.of(SRC, VER);

    private PointDocuments() {
    }

    static String dense(String name) {
        return "v\0" + name;
    }

    static String sparseIndices(String name) {
        return "si\0" + name;
    }

    static String strings(String key) {
        return "k\0" + key;
    }

    static String integers(String key) {
        return "n\0" + key;
    }

    static String numbers(String key) {
        return "d\0" + key;
    }

    static String bools(String key) {
        return "b\0" + key;
    }

    static String datetimes(String key) {
        return "t\0" + key;
    }

    static String tokens(String key) {
        return "x\0" + key;
    }

    static String facetStrings(String key) {
        return "fk\0" + key;
    }

    static String facetIntegers(String key) {
        return "fn\0" + key;
    }

    static String order(String key) {
        return "o\0" + key;
    }

    /** A sparse index as a term. */
    static BytesRef sparseTerm(int index) {
        byte[] b = new byte[4];
        b[0] = (byte) (index >>> 24);
        b[1] = (byte) (index >>> 16);
        b[2] = (byte) (index >>> 8);
        b[3] = (byte) index;
        return new BytesRef(b);
    }

    /** A double as indexed: -0.0 folds into 0.0 so that point ranges compare as Java's {@code <}. */
    static double normalise(double x) {
        return x == 0 ? 0.0 : x;
    }

    /** The stored record of a point ({@code _src}): {@link #toProto} without dense vector data. */
    static byte[] source(StoredPoint p) {
        return toProto(p, false).toByteArray();
    }

    /** The Lucene document of a point. */
    static Document document(StoredPoint p, Map<String, PayloadIndex> indexes) {
        return document(p, source(p), indexes);
    }

    /** The Lucene document of a point whose stored record ({@link #source}) is already encoded. */
    static Document document(StoredPoint p, byte[] source, Map<String, PayloadIndex> indexes) {
        Document doc = new Document();
        BytesRef id = new BytesRef(p.id().toBytes());
        doc.add(new StringField(ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, id));
        doc.add(new StoredField(SRC, source));
        doc.add(new StoredField(VER, p.version()));
        p.vectors().forEach((name, v) -> {
            doc.add(new StringField(VEC, name, Field.Store.NO));
            doc.add(new KnnFloatVectorField(dense(name), v, VectorSimilarityFunction.EUCLIDEAN));
        });
        p.sparse().forEach((name, v) -> {
            doc.add(new StringField(VEC, name, Field.Store.NO));
            if (v.indices().length > 0) {
                doc.add(new StringField(SPARSE_PRESENT, name, Field.Store.NO));
                doc.add(SparseTokenStream.field(sparseIndices(name), v));
            }
        });
        indexes.forEach((key, index) -> addIndexFields(doc, p, key, index));
        return doc;
    }

    private static void addIndexFields(Document doc, StoredPoint p, String key, PayloadIndex index) {
        if (!FilterEvaluator.isEmpty(p.payload(), key)) {
            doc.add(new StringField(NON_EMPTY, key, Field.Store.NO));
        }
        for (Value item : flattened(p.payload(), key)) {
            switch (item.getKindCase()) {
                case STRING_VALUE -> {
                    String s = item.getStringValue();
                    doc.add(new StringField(strings(key), s, Field.Store.NO));
                    Long micros = DateTimes.parseMicros(s);
                    if (micros != null) {
                        doc.add(new LongPoint(datetimes(key), micros));
                    }
                    if (index.type() == PayloadSchemaType.Text) {
                        for (String token : new LinkedHashSet<>(TextTokens.tokens(s, index.textParams()))) {
                            doc.add(new StringField(tokens(key), token, Field.Store.NO));
                        }
                    }
                }
                case INTEGER_VALUE -> {
                    doc.add(new LongPoint(integers(key), item.getIntegerValue()));
                    doc.add(new DoublePoint(numbers(key), normalise(item.getIntegerValue())));
                }
                case DOUBLE_VALUE -> doc.add(new DoublePoint(numbers(key), normalise(item.getDoubleValue())));
                case BOOL_VALUE -> doc.add(new StringField(bools(key), Boolean.toString(item.getBoolValue()),
                        Field.Store.NO));
                default -> {
                }
            }
        }
        List<Value> fitting = StoredCollection.indexedValues(p, key, index.type());
        if (fitting.isEmpty()) {
            return;
        }
        doc.add(new StringField(HAS, key, Field.Store.NO));
        for (Value v : fitting) {
            switch (index.type()) {
                case Keyword -> doc.add(new SortedSetDocValuesField(facetStrings(key), new BytesRef(v.getStringValue())));
                case Uuid -> doc.add(new SortedSetDocValuesField(facetStrings(key),
                        new BytesRef(PointKey.tryParseUuid(v.getStringValue()).toString())));
                case Bool -> doc.add(new SortedSetDocValuesField(facetStrings(key),
                        new BytesRef(Boolean.toString(v.getBoolValue()))));
                case Integer -> {
                    doc.add(new SortedNumericDocValuesField(facetIntegers(key), v.getIntegerValue()));
                    doc.add(new SortedNumericDocValuesField(order(key), v.getIntegerValue()));
                }
                case Datetime -> doc.add(new SortedNumericDocValuesField(order(key),
                        DateTimes.parseMicros(v.getStringValue())));
                case Float -> doc.add(new SortedNumericDocValuesField(order(key), NumericUtils.doubleToSortableLong(
                        v.hasIntegerValue() ? v.getIntegerValue() : v.getDoubleValue())));
                default -> {
                }
            }
        }
    }

    /** Every value at the key path, with arrays flattened one level. */
    static List<Value> flattened(Map<String, Value> payload, String key) {
        List<Value> out = new java.util.ArrayList<>();
        for (Value v : JsonPath.parse(key).values(payload)) {
            if (v.hasListValue()) {
                out.addAll(v.getListValue().getValuesList());
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The point as a {@link PointStruct}: with the dense vectors' data ({@code withDense}, the
     * write-ahead log's form) or with an empty entry per dense vector (the stored form).
     */
    @SuppressWarnings("deprecation") // Vector's deprecated indices/data fields: sparse vectors as Qdrant's own proto keeps them
    static PointStruct toProto(StoredPoint p, boolean withDense) {
        NamedVectors.Builder named = NamedVectors.newBuilder();
        p.vectors().forEach((name, v) -> {
            DenseVector.Builder d = DenseVector.newBuilder();
            if (withDense) {
                for (float x : v) {
                    d.addData(x);
                }
            }
            named.putVectors(name, Vector.newBuilder().setDense(d).build());
        });
        p.sparse().forEach((name, v) -> {
            io.qdrant.client.grpc.Points.SparseVector.Builder s = io.qdrant.client.grpc.Points.SparseVector.newBuilder();
            for (int i = 0; i < v.indices().length; i++) {
                s.addIndices(v.indices()[i]).addValues(v.values()[i]);
            }
            named.putVectors(name, Vector.newBuilder().setSparse(s).build());
        });
        return PointStruct.newBuilder().setId(p.id().toProto()).putAllPayload(p.payload())
                .setVectors(Vectors.newBuilder().setVectors(named)).build();
    }

    /** Reads {@link #toProto}'s form back; dense vectors without data become {@link StoredPoint#NOT_LOADED}. */
    static StoredPoint fromProto(PointStruct s, long version) {
        Map<String, float[]> dense = new LinkedHashMap<>();
        Map<String, SparseVector> sparse = new LinkedHashMap<>();
        s.getVectors().getVectors().getVectorsMap().forEach((name, v) -> {
            if (v.hasSparse()) {
                sparse.put(name, new SparseVector(v.getSparse().getIndicesList().stream().mapToInt(Integer::intValue)
                        .toArray(), toArray(v.getSparse().getValuesList())));
            } else {
                List<Float> data = v.getDense().getDataList();
                dense.put(name, data.isEmpty() ? StoredPoint.NOT_LOADED : toArray(data));
            }
        });
        return new StoredPoint(PointKey.fromProto(s.getId()), s.getPayloadMap(), dense, sparse, version);
    }

    private static float[] toArray(List<Float> data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i);
        }
        return out;
    }

    /** The id of a document. */
    static PointKey id(LeafReader leaf, int doc) throws IOException {
        SortedDocValues ids = leaf.getSortedDocValues(ID);
        if (ids == null || !ids.advanceExact(doc)) {
            throw new IOException("document " + doc + " has no id");
        }
        BytesRef b = ids.lookupOrd(ids.ordValue());
        return PointKey.fromBytes(b.bytes, b.offset, b.length);
    }

    /**
     * Reads a point; with {@code loadVectors} its dense vectors too, else they are
     * {@link StoredPoint#NOT_LOADED}.
     */
    static StoredPoint read(LeafReader leaf, int doc, boolean loadVectors) {
        try {
            Document d = leaf.storedFields().document(doc, STORED);
            BytesRef src = d.getBinaryValue(SRC);
            long version = d.getField(VER).numericValue().longValue();
            PointStruct s = PointStruct.parseFrom(java.nio.ByteBuffer.wrap(src.bytes, src.offset, src.length));
            StoredPoint p = fromProto(s, version);
            if (!loadVectors || p.vectors().isEmpty()) {
                return p;
            }
            Map<String, float[]> dense = new LinkedHashMap<>();
            for (String name : p.vectors().keySet()) {
                dense.put(name, vector(leaf, doc, name));
            }
            return new StoredPoint(p.id(), p.payload(), dense, p.sparse(), p.version());
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(new IOException("damaged point record in document " + doc, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dense vector of a document. */
    static float[] vector(LeafReader leaf, int doc, String name) throws IOException {
        FloatVectorValues values = leaf.getFloatVectorValues(dense(name));
        if (values == null) {
            throw new IOException("no vectors named '" + name + "'");
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc) != doc) {
            throw new IOException("document " + doc + " has no vector '" + name + "'");
        }
        return values.vectorValue(it.index()).clone();
    }
}
