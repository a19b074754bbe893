package io.alexandria.qdrant;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.Vector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * One collection: its schema (vector layout, payload indexes) and its points, kept in a
 * {@link CollectionIndex} (Lucene index plus write-ahead log, or memory). Write methods validate a
 * whole request before changing anything. Thread-safe: reads share, writes take turns
 * ({@link #read}, {@link #write}).
 *
 * <p>The metadata a Lucene commit carries (so that the schema and the data always agree after a
 * crash): {@code name}, {@code config} (the create request, base64 protobuf), {@code indexes}
 * (payload index declarations, base64 length-delimited protobufs) and {@code operations} (the
 * operation counter).
 */
public final class StoredCollection {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoredCollection.class);

    /**
     * One dense vector space.
     *
     * @param size     dimension
     * @param distance distance function
     */
    record VectorSpec(int size, Distance distance) {
    }

    private final String name;
    private final CreateCollection createRequest;
    private final boolean unnamedVector;
    private final Map<String, VectorSpec> vectorSpecs;
    private final Map<String, SparseVectorParams> sparseSpecs;
    private final Map<String, PayloadIndex> indexes = new LinkedHashMap<>();
    private final ServerStats stats;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private CollectionIndex index;
    private long operations;

    private StoredCollection(CreateCollection createRequest, boolean unnamedVector, Map<String, VectorSpec> vectorSpecs,
                             Map<String, SparseVectorParams> sparseSpecs, ServerStats stats) {
        this.name = createRequest.getCollectionName();
        this.createRequest = createRequest;
        this.unnamedVector = unnamedVector;
        this.vectorSpecs = vectorSpecs;
        this.sparseSpecs = sparseSpecs;
        this.stats = stats;
    }

    /**
     * Validates a create request (a single unnamed {@code VectorParams}, a named map, or no dense
     * vectors at all; named sparse vectors) into a collection without storage. UNIMPLEMENTED for
     * multivectors and custom sharding.
     */
    static StoredCollection validate(CreateCollection req, ServerStats stats) {
        if (req.hasShardingMethod() && req.getShardingMethod() == ShardingMethod.Custom) {
            throw QdrantErrors.unimplemented("Custom sharding");
        }
        Map<String, VectorSpec> specs = new LinkedHashMap<>();
        boolean unnamed = false;
        if (req.hasVectorsConfig()) {
            switch (req.getVectorsConfig().getConfigCase()) {
                case PARAMS -> {
                    specs.put("", spec("", req.getVectorsConfig().getParams()));
                    unnamed = true;
                }
                case PARAMS_MAP -> new TreeMap<>(req.getVectorsConfig().getParamsMap().getMapMap())
                        .forEach((n, p) -> specs.put(n, spec(n, p)));
                default -> {
                }
            }
        }
        Map<String, SparseVectorParams> sparse = new LinkedHashMap<>();
        if (req.hasSparseVectorsConfig()) {
            new TreeMap<>(req.getSparseVectorsConfig().getMapMap()).forEach((n, p) -> {
                if (specs.containsKey(n)) {
                    throw QdrantErrors.badInput("Vector name " + n + " is used for both dense and sparse vectors");
                }
                sparse.put(n, p);
            });
        }
        return new StoredCollection(req, unnamed, specs, sparse, stats);
    }

    /** Gives a validated collection its storage: a new index in {@code folder} (null: memory). */
    StoredCollection createStorage(Path folder, StorageFaults faults) throws IOException {
        index = CollectionIndex.create(folder, faults, this::metadata);
        index.replay(this::replay);
        return this;
    }

    /**
     * Opens the collection stored in {@code folder}: reads its committed metadata, then replays the
     * write-ahead log.
     *
     * @throws CorruptLocalIndexException when the folder cannot be read as a collection
     */
    static StoredCollection open(Path folder, ServerStats stats, StorageFaults faults) throws IOException {
        long t0 = System.nanoTime();
        Map<String, String> meta = CollectionIndex.readMetadata(folder);
        StoredCollection c;
        try {
            CreateCollection req = CreateCollection.parseFrom(Base64.getDecoder().decode(required(folder, meta,
                    "config")));
            c = validate(req, stats);
            String encoded = meta.getOrDefault("indexes", "");
            CodedInputStream in = CodedInputStream.newInstance(Base64.getDecoder().decode(encoded));
            while (!in.isAtEnd()) {
                int length = in.readRawVarint32();
                CreateFieldIndexCollection idx = CreateFieldIndexCollection.parseFrom(in.readRawBytes(length));
                c.indexes.put(idx.getFieldName(), new PayloadIndex(type(idx.getFieldType()),
                        idx.hasFieldIndexParams() ? idx.getFieldIndexParams() : null));
            }
            c.operations = Long.parseLong(meta.getOrDefault("operations", "0"));
        } catch (IOException | RuntimeException e) {
            throw new CorruptLocalIndexException(folder, "unreadable collection metadata: " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        c.index = CollectionIndex.open(folder, faults, c::metadata);
        long t2 = System.nanoTime();
        int replayed;
        try {
            replayed = c.index.replay(c::replay);
        } catch (IOException | RuntimeException e) {
            c.index.closeQuietly();
            throw e instanceof CorruptLocalIndexException ce ? ce
                    : new CorruptLocalIndexException(folder, "write-ahead log replay failed: " + e.getMessage(), e);
        }
        long t3 = System.nanoTime();
        LOG.info("Opened collection {} in {}: {} ms (metadata {} ms, index {} ms, {} logged writes replayed in {} ms)",
                c.name, folder.getFileName(), (t3 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                replayed, (t3 - t2) / 1_000_000);
        return c;
    }

    private static String required(Path folder, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new CorruptLocalIndexException(folder, "commit without '" + key + "'", null);
        }
        return v;
    }

    private Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("config", Base64.getEncoder().encodeToString(createRequest.toByteArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, PayloadIndex> e : indexes.entrySet()) {
                CreateFieldIndexCollection.Builder b = CreateFieldIndexCollection.newBuilder()
                        .setCollectionName(name).setFieldName(e.getKey()).setFieldType(fieldType(e.getValue().type()));
                if (e.getValue().params() != null) {
                    b.setFieldIndexParams(e.getValue().params());
                }
                b.build().writeDelimitedTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("indexes", Base64.getEncoder().encodeToString(out.toByteArray()));
        m.put("operations", Long.toString(operations));
        return m;
    }

    private static VectorSpec spec(String vectorName, VectorParams p) {
        String field = vectorName.isEmpty() ? "vectors_config.params" : "vectors_config.params_map." + vectorName;
        if (p.getSize() < 1 || p.getSize() > 65536) {
            throw QdrantErrors.invalidArgument(
                    "Validation error in body: [" + field + ".size: value " + p.getSize()
                            + " invalid, must be from 1 to 65536]");
        }
        if (p.hasMultivectorConfig()) {
            throw QdrantErrors.unimplemented("Multivectors");
        }
        if (p.getDistance() == Distance.UnknownDistance || p.getDistance() == Distance.UNRECOGNIZED) {
            throw QdrantErrors.invalidArgument("Malformed distance parameter");
        }
        return new VectorSpec((int) p.getSize(), p.getDistance());
    }

    // ---------------------------------------------------------------- locking and storage access

    /** Runs {@code fn} sharing the collection with other readers. */
    <T> T read(Function<StoredCollection, T> fn) {
        lock.readLock().lock();
        try {
            return fn.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code fn} alone on the collection. */
    <T> T write(Function<StoredCollection, T> fn) {
        lock.writeLock().lock();
        try {
            return fn.apply(this);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A reading step over a searcher. */
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code fn} with a searcher that sees every applied write. */
    <T> T search(SearcherFunction<T> fn) {
        try {
            IndexSearcher s = index.acquire();
            try {
                return fn.apply(s);
            } finally {
                index.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checkpoints and closes the storage. */
    void close() throws IOException {
        lock.writeLock().lock();
        try {
            index.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Closes the storage without a checkpoint (the folder is about to be deleted). */
    void discard() {
        lock.writeLock().lock();
        try {
            index.closeQuietly();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- schema

    /** The collection's own name. */
    public String name() {
        return name;
    }

    /** The request that created the collection (echoed by collection info). */
    public CreateCollection createRequest() {
        return createRequest;
    }

    /** True when the collection has one unnamed vector; false for named vectors or none. */
    public boolean hasUnnamedVector() {
        return unnamedVector;
    }

    /** Sparse vector spaces by name. */
    Map<String, SparseVectorParams> sparseSpecs() {
        return sparseSpecs;
    }

    /** Number of points. */
    public int size() {
        return search(s -> s.getIndexReader().numDocs());
    }

    /** Payload indexes by field, in creation order. */
    public Map<String, PayloadIndex> indexes() {
        return Collections.unmodifiableMap(indexes);
    }

    /**
     * The vector space a search uses; {@code ""} is the unnamed vector.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT "Wrong input: Not existing vector name
     *                                        error: NAME" as Qdrant
     */
    VectorSpec vectorSpec(String vectorName) {
        VectorSpec spec = vectorSpecs.get(vectorName);
        if (spec == null) {
            throw QdrantErrors.badInput("Not existing vector name error: " + vectorName);
        }
        return spec;
    }

    /** Whether the collection has a dense vector of this name ({@code ""}: the unnamed vector). */
    boolean hasDenseVector(String vectorName) {
        return vectorSpecs.containsKey(vectorName);
    }

    /** Checks a query vector's dimension and prepares it for the distance. */
    float[] prepareQuery(String vectorName, List<Float> data) {
        VectorSpec spec = vectorSpec(vectorName);
        return VectorMath.prepare(checkedDim(spec, toArray(data)), spec.distance());
    }

    private static float[] checkedDim(VectorSpec spec, float[] v) {
        if (v.length != spec.size()) {
            throw QdrantErrors.badInput("Vector dimension error: expected dim: " + spec.size() + ", got " + v.length);
        }
        return v;
    }

    static float[] toArray(List<Float> data) {
        float[] out = new float[data.size()];
        if (data instanceof com.google.protobuf.Internal.FloatList floats) {
            for (int i = 0; i < out.length; i++) {
                out[i] = floats.getFloat(i);
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i);
        }
        return out;
    }

    // ---------------------------------------------------------------- reading points

    /** The point with this id (with its dense vectors when {@code loadVectors}), or null. */
    public StoredPoint point(PointKey id, boolean loadVectors) {
        org.apache.lucene.util.BytesRef key = new org.apache.lucene.util.BytesRef(id.toBytes());
        return search(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                org.apache.lucene.index.Terms terms = leaf.reader().terms(PointDocuments.ID);
                if (terms == null) {
                    continue;
                }
                org.apache.lucene.index.TermsEnum te = terms.iterator();
                if (!te.seekExact(key)) {
                    continue;
                }
                org.apache.lucene.index.PostingsEnum postings = te.postings(null,
                        org.apache.lucene.index.PostingsEnum.NONE);
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                for (int doc = postings.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                     doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        return PointDocuments.read(leaf.reader(), doc, loadVectors);
                    }
                }
            }
            return null;
        });
    }

    /** Reads the point of a top-level document number. */
    static StoredPoint read(IndexSearcher s, int doc, boolean loadVectors) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        return PointDocuments.read(leaf.reader(), doc - leaf.docBase, loadVectors);
    }

    /** The filter's Lucene translation over this collection's payload indexes. */
    LuceneFilters.Translated translate(Filter filter) {
        return translate(filter, false);
    }

    /** As {@link #translate(Filter)}; {@code update} applies strict mode's rule for filtered writes. */
    LuceneFilters.Translated translate(Filter filter, boolean update) {
        if (filter != null) {
            FilterEvaluator.validate(filter);
            if (!INTERNAL.get()) {
                StrictMode.check(createRequest.getStrictModeConfig(), filter, indexes, update);
            }
        }
        return new LuceneFilters(indexes).translate(filter);
    }

    /** Set while the server runs requests of its own (strict mode checked the user's request before). */
    private static final ThreadLocal<Boolean> INTERNAL = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code fn} as Qdrant runs the follow-up requests it makes itself (grouped queries): the
     * filters it adds are not subject to strict mode, whose checks apply to the user's request.
     */
    static <T> T internal(java.util.function.Supplier<T> fn) {
        boolean before = INTERNAL.get();
        INTERNAL.set(true);
        try {
            return fn.get();
        } finally {
            INTERNAL.set(before);
        }
    }

    /** Strict mode's check of a read filter, without running anything. */
    void checkStrict(Filter filter) {
        if (filter != null) {
            FilterEvaluator.validate(filter);
            StrictMode.check(createRequest.getStrictModeConfig(), filter, indexes, false);
        }
    }

    /** The collection's strict mode settings. */
    io.qdrant.client.grpc.Collections.StrictModeConfig strictMode() {
        return createRequest.getStrictModeConfig();
    }

    /** An evaluator for filters over this collection. */
    FilterEvaluator evaluator() {
        return new FilterEvaluator(indexes);
    }

    /** Points matching the filter (null: all), in id order. */
    public List<StoredPoint> select(Filter filter) {
        return scrollById(filter, null, Integer.MAX_VALUE, false);
    }

    /**
     * Up to {@code max} points matching the filter, in id order, starting at {@code from}
     * (inclusive; null: the first).
     */
    List<StoredPoint> scrollById(Filter filter, PointKey from, long max, boolean loadVectors) {
        LuceneFilters.Translated t = translate(filter);
        FilterEvaluator evaluator = evaluator();
        return search(s -> {
            org.apache.lucene.search.Query q = t.query();
            if (from != null) {
                q = new org.apache.lucene.search.BooleanQuery.Builder()
                        .add(q, org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .add(new org.apache.lucene.search.TermRangeQuery(PointDocuments.ID,
                                new org.apache.lucene.util.BytesRef(from.toBytes()), null, true, true),
                                org.apache.lucene.search.BooleanClause.Occur.FILTER)
                        .build();
            }
            org.apache.lucene.search.Sort byId = new org.apache.lucene.search.Sort(
                    new org.apache.lucene.search.SortField(PointDocuments.ID,
                            org.apache.lucene.search.SortField.Type.STRING));
            List<StoredPoint> out = new ArrayList<>();
            ScoreDoc after = null;
            int total = Math.max(1, s.getIndexReader().numDocs());
            while (out.size() < max) {
                long wanted = Math.max(max - out.size(), 16) * (t.exact() ? 1 : 4);
                int batch = (int) Math.min(Math.min(wanted, 10_000), total);
                TopDocs top = after == null ? s.search(q, batch, byId) : s.searchAfter(after, q, batch, byId);
                for (ScoreDoc sd : top.scoreDocs) {
                    StoredPoint p = read(s, sd.doc, loadVectors);
                    if ((t.exact() || evaluator.matches(p, filter)) && out.size() < max) {
                        out.add(p);
                    }
                }
                if (top.scoreDocs.length < batch) {
                    break;
                }
                after = top.scoreDocs[top.scoreDocs.length - 1];
            }
            return out;
        });
    }

    /** Number of points matching the filter (null: all). */
    long count(Filter filter) {
        LuceneFilters.Translated t = translate(filter);
        if (t.exact()) {
            return search(s -> (long) s.count(t.query()));
        }
        long[] n = {0};
        FilterEvaluator evaluator = evaluator();
        forEachMatch(t, (leaf, doc) -> {
            if (evaluator.matches(PointDocuments.read(leaf.reader(), doc, false), filter)) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** Visits a matching document. */
    interface MatchVisitor {
        void visit(LeafReaderContext leaf, int doc) throws IOException;
    }

    /** Visits every live document the translated query matches (no post-filtering). */
    void forEachMatch(LuceneFilters.Translated t, MatchVisitor visitor) {
        search(s -> {
            org.apache.lucene.search.Weight w = s.createWeight(s.rewrite(t.query()),
                    org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                org.apache.lucene.search.Scorer scorer = w.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                org.apache.lucene.search.DocIdSetIterator it = scorer.iterator();
                for (int doc = it.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                     doc = it.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        visitor.visit(leaf, doc);
                    }
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- writing

    /**
     * Upserts points, as Qdrant 1.18: a point without {@code vectors} is INVALID_ARGUMENT "Expected
     * some vectors"; unknown vector names and wrong dimensions are INVALID_ARGUMENT; the whole batch
     * is validated first. With {@code updateFilter} (conditional upsert, Qdrant 1.16+) an existing
     * point is overwritten only if it matches the filter, while new points are always inserted;
     * {@code mode} restricts to inserts or updates. The last occurrence of a repeated id wins.
     *
     * @return the operation number
     */
    long upsert(List<PointStruct> incoming, Filter updateFilter, UpdateMode mode) {
        if (updateFilter != null) {
            FilterEvaluator.validate(updateFilter);
            StrictMode.check(createRequest.getStrictModeConfig(), updateFilter, indexes, true);
        }
        Map<PointKey, StoredPoint> prepared = new LinkedHashMap<>();
        long op = operations + 1;
        for (PointStruct p : incoming) {
            PointKey id = PointKey.fromProto(p.getId());
            prepared.remove(id);
            prepared.put(id, vectorsOf(p, id, op));
        }
        List<StoredPoint> written = new ArrayList<>();
        boolean conditional = updateFilter != null || mode == UpdateMode.InsertOnly || mode == UpdateMode.UpdateOnly;
        FilterEvaluator evaluator = evaluator();
        for (StoredPoint p : prepared.values()) {
            if (conditional) {
                StoredPoint existing = point(p.id(), false);
                if (existing != null) {
                    if (mode == UpdateMode.InsertOnly
                            || (updateFilter != null && !evaluator.matches(existing, updateFilter))) {
                        continue;
                    }
                } else if (mode == UpdateMode.UpdateOnly) {
                    continue;
                }
            }
            written.add(p);
        }
        apply(op, written, List.of());
        stats.addUpserted(name, written.size());
        return op;
    }

    /** Logs and applies one operation: puts and deletes. */
    private void apply(long op, List<StoredPoint> puts, List<PointKey> deletes) {
        operations = op;
        List<byte[]> sources = new ArrayList<>(puts.size());
        for (StoredPoint p : puts) {
            sources.add(PointDocuments.source(p));
        }
        try {
            index.write(encode(op, puts, sources, deletes), w -> applyTo(w, puts, sources, deletes));
        } catch (IOException e) {
            throw new UncheckedIOException("writing collection " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Applies puts (with their stored records, {@link PointDocuments#source}) and deletes to the writer. */
    private void applyTo(IndexWriter w, List<StoredPoint> puts, List<byte[]> sources, List<PointKey> deletes)
            throws IOException {
        for (PointKey id : deletes) {
            w.deleteDocuments(new Term(PointDocuments.ID, new org.apache.lucene.util.BytesRef(id.toBytes())));
        }
        for (int i = 0; i < puts.size(); i++) {
            StoredPoint p = puts.get(i);
            w.updateDocument(new Term(PointDocuments.ID, new org.apache.lucene.util.BytesRef(p.id().toBytes())),
                    PointDocuments.document(p, sources.get(i), indexes));
        }
    }

    /**
     * The write-ahead log record of an operation: {@code int64 op}, {@code uint32} puts, each as
     * {@code int64 version}, its stored record ({@link PointDocuments#source}, length-prefixed)
     * and its dense vectors ({@code uint32} count, then per vector its name and its float32
     * values as little-endian bytes, length-prefixed); then {@code uint32} deletes, each as the
     * id's bytes. Protobuf varints ({@link CodedOutputStream}).
     */
    private static byte[] encode(long op, List<StoredPoint> puts, List<byte[]> sources, List<PointKey> deletes)
            throws UncheckedIOException {
        try {
            int size = 32;
            for (int i = 0; i < puts.size(); i++) {
                size += 24 + sources.get(i).length;
                for (Map.Entry<String, float[]> e : puts.get(i).vectors().entrySet()) {
                    size += 16 + e.getKey().length() * 3 + 4 * e.getValue().length;
                }
            }
            size += 24 * deletes.size();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes, 64 * 1024);
            out.writeInt64NoTag(op);
            out.writeUInt32NoTag(puts.size());
            for (int i = 0; i < puts.size(); i++) {
                StoredPoint p = puts.get(i);
                out.writeInt64NoTag(p.version());
                out.writeByteArrayNoTag(sources.get(i));
                out.writeUInt32NoTag(p.vectors().size());
                for (Map.Entry<String, float[]> e : p.vectors().entrySet()) {
                    out.writeStringNoTag(e.getKey());
                    float[] v = e.getValue();
                    java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(4 * v.length)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    raw.asFloatBuffer().put(v);
                    out.writeByteArrayNoTag(raw.array());
                }
            }
            out.writeUInt32NoTag(deletes.size());
            for (PointKey id : deletes) {
                out.writeByteArrayNoTag(id.toBytes());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One logged put or delete, in log order. */
    private record Logged(PointKey id, StoredPoint put, byte[] source) {
    }

    /** Threads that re-index logged writes after a restart (at most 2: Lucene indexes in parallel). */
    private static final int REPLAY_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Applies logged operations ({@link #encode}) again after a restart or a rollback. The writes
     * are split by point id over up to {@value #REPLAY_THREADS} threads, each applying its share in
     * log order, so every point ends in its last logged state while Lucene indexes in parallel.
     */
    private void replay(List<byte[]> records, IndexWriter w) throws IOException {
        List<List<Logged>> shares = new ArrayList<>();
        for (int t = 0; t < REPLAY_THREADS; t++) {
            shares.add(new ArrayList<>());
        }
        for (byte[] record : records) {
            for (Logged op : decode(record)) {
                shares.get(Math.floorMod(op.id().hashCode(), REPLAY_THREADS)).add(op);
            }
        }
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = REPLAY_THREADS > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(REPLAY_THREADS - 1, r -> {
                    Thread t = new Thread(r, "replay-" + name);
                    t.setDaemon(true);
                    return t;
                }) : null;
        try {
            for (int t = 1; t < REPLAY_THREADS; t++) {
                List<Logged> share = shares.get(t);
                running.add(pool.submit(() -> {
                    applyLogged(w, share);
                    return null;
                }));
            }
            applyLogged(w, shares.get(0));
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("replay interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private void applyLogged(IndexWriter w, List<Logged> ops) throws IOException {
        for (Logged op : ops) {
            Term term = new Term(PointDocuments.ID, new org.apache.lucene.util.BytesRef(op.id().toBytes()));
            if (op.put() == null) {
                w.deleteDocuments(term);
            } else {
                w.updateDocument(term, PointDocuments.document(op.put(), op.source(), indexes));
            }
        }
    }

    /** The puts and deletes of one logged operation, in the order {@link #applyTo} applies them. */
    private List<Logged> decode(byte[] record) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(record);
        in.setSizeLimit(Integer.MAX_VALUE);
        long op = in.readInt64();
        int nPuts = in.readUInt32();
        List<Logged> puts = new ArrayList<>(nPuts);
        for (int i = 0; i < nPuts; i++) {
            long version = in.readInt64();
            byte[] src = in.readByteArray();
            StoredPoint stored = PointDocuments.fromProto(PointStruct.parseFrom(src), version);
            int nDense = in.readUInt32();
            Map<String, float[]> dense = new LinkedHashMap<>();
            for (int d = 0; d < nDense; d++) {
                String vectorName = in.readString();
                java.nio.FloatBuffer raw = java.nio.ByteBuffer.wrap(in.readByteArray())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[raw.remaining()];
                raw.get(v);
                dense.put(vectorName, v);
            }
            puts.add(new Logged(stored.id(), new StoredPoint(stored.id(), stored.payload(), dense, stored.sparse(),
                    version), src));
        }
        int nDeletes = in.readUInt32();
        List<Logged> out = new ArrayList<>(nDeletes + nPuts);
        for (int i = 0; i < nDeletes; i++) {
            byte[] b = in.readByteArray();
            out.add(new Logged(PointKey.fromBytes(b, 0, b.length), null, null));
        }
        out.addAll(puts);
        operations = Math.max(operations, op);
        return out;
    }

    private StoredPoint vectorsOf(PointStruct p, PointKey id, long op) {
        if (!p.hasVectors()) {
            throw QdrantErrors.invalidArgument("Expected some vectors");
        }
        Map<String, Vector> raw = new LinkedHashMap<>();
        switch (p.getVectors().getVectorsOptionsCase()) {
            case VECTOR -> raw.put("", p.getVectors().getVector());
            case VECTORS -> raw.putAll(p.getVectors().getVectors().getVectorsMap());
            default -> throw QdrantErrors.invalidArgument("No Vector Provided");
        }
        Map<String, float[]> dense = new LinkedHashMap<>();
        Map<String, SparseVector> sparse = new LinkedHashMap<>();
        raw.forEach((n, v) -> {
            if (sparseSpecs.containsKey(n)) {
                sparse.put(n, sparseOf(n, v));
            } else {
                VectorSpec spec = vectorSpec(n);
                dense.put(n, VectorMath.prepare(checkedDim(spec, dense(v)), spec.distance()));
            }
        });
        return new StoredPoint(id, p.getPayloadMap(), dense, sparse, op);
    }

    @SuppressWarnings("deprecation") // Qdrant still accepts the deprecated data/indices fields
    private static SparseVector sparseOf(String name, Vector v) {
        return switch (v.getVectorCase()) {
            case SPARSE -> SparseVector.of(v.getSparse().getIndicesList(), v.getSparse().getValuesList());
            case DENSE -> throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
            default -> {
                if (v.hasIndices()) {
                    yield SparseVector.of(v.getIndices().getDataList(), v.getDataList());
                }
                throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
            }
        };
    }

    @SuppressWarnings("deprecation") // Qdrant still accepts the deprecated data/indices/vectors_count fields
    private static float[] dense(Vector v) {
        return switch (v.getVectorCase()) {
            case DENSE -> toArray(v.getDense().getDataList());
            case SPARSE -> throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
            case MULTI_DENSE -> throw QdrantErrors.unimplemented("Multivectors");
            case DOCUMENT, IMAGE, OBJECT -> throw QdrantErrors.unimplemented("Inference (document/image/object vectors)");
            default -> {
                if (v.hasIndices()) {
                    throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
                }
                if (v.hasVectorsCount()) {
                    throw QdrantErrors.unimplemented("Multivectors");
                }
                yield toArray(v.getDataList());
            }
        };
    }

    /**
     * The ids a selector addresses: listed ids (deduplicated, in request order) or every point
     * matching the filter.
     */
    List<PointKey> targets(PointsSelector selector) {
        return switch (selector.getPointsSelectorOneOfCase()) {
            case POINTS -> {
                LinkedHashSet<PointKey> ids = new LinkedHashSet<>();
                selector.getPoints().getIdsList().forEach(id -> ids.add(PointKey.fromProto(id)));
                yield new ArrayList<>(ids);
            }
            case FILTER -> matchingIds(selector.getFilter());
            default -> throw QdrantErrors.invalidArgument("No PointsSelector provided");
        };
    }

    private List<PointKey> matchingIds(Filter filter) {
        LuceneFilters.Translated t = translate(filter, true);
        FilterEvaluator evaluator = evaluator();
        List<PointKey> out = new ArrayList<>();
        forEachMatch(t, (leaf, doc) -> {
            if (t.exact()) {
                out.add(PointDocuments.id(leaf.reader(), doc));
            } else {
                StoredPoint p = PointDocuments.read(leaf.reader(), doc, false);
                if (evaluator.matches(p, filter)) {
                    out.add(p.id());
                }
            }
        });
        Collections.sort(out);
        return out;
    }

    /** Deletes the selected points (missing ids are ignored, as Qdrant). @return the operation number */
    long delete(PointsSelector selector) {
        List<PointKey> ids = targets(selector);
        List<PointKey> existing = new ArrayList<>();
        search(s -> {
            for (PointKey id : ids) {
                if (s.count(new TermQuery(new Term(PointDocuments.ID, new org.apache.lucene.util.BytesRef(
                        id.toBytes())))) > 0) {
                    existing.add(id);
                }
            }
            return null;
        });
        long op = operations + 1;
        apply(op, List.of(), existing);
        stats.addDeleted(name, existing.size());
        return op;
    }

    /**
     * Outcome of a payload update.
     *
     * @param operation    the operation number
     * @param firstMissing the first selected id that has no point (Qdrant then answers NOT_FOUND
     *                     after updating the others)
     */
    record PayloadUpdate(long operation, Optional<PointKey> firstMissing) {
    }

    /**
     * Set-payload (merge top-level keys; a null value removes the key, as Qdrant's
     * {@code merge_map}) or overwrite-payload (replace all), optionally at a nested
     * {@code key} path, as Qdrant's {@code set_payload}/{@code overwrite_payload}.
     */
    PayloadUpdate setPayload(Map<String, Value> payload, PointsSelector selector, String key, boolean overwrite) {
        JsonPath path = key == null ? null : JsonPath.parse(key);
        return updatePayloads(selector, old -> {
            if (path != null) {
                return path.putObject(old, payload, overwrite);
            }
            Map<String, Value> next = new LinkedHashMap<>(overwrite ? Map.of() : old);
            payload.forEach((k, v) -> {
                if (!overwrite && v.hasNullValue()) {
                    next.remove(k); // Qdrant's merge_map: a null in set-payload removes the key
                } else {
                    next.put(k, v);
                }
            });
            return next;
        });
    }

    /** Removes the given key paths from the selected points' payloads. */
    PayloadUpdate deletePayload(List<String> keys, PointsSelector selector) {
        List<JsonPath> paths = keys.stream().map(JsonPath::parse).toList();
        return updatePayloads(selector, old -> {
            Map<String, Value> next = old;
            for (JsonPath p : paths) {
                next = p.remove(next);
            }
            return next;
        });
    }

    /** Removes the whole payload of the selected points. */
    PayloadUpdate clearPayload(PointsSelector selector) {
        return updatePayloads(selector, old -> Map.of());
    }

    private PayloadUpdate updatePayloads(PointsSelector selector, UnaryOperator<Map<String, Value>> change) {
        List<PointKey> ids = targets(selector);
        long op = operations + 1;
        PointKey missing = null;
        List<StoredPoint> puts = new ArrayList<>();
        for (PointKey id : ids) {
            StoredPoint p = point(id, true);
            if (p == null) {
                missing = missing == null ? id : missing;
                continue;
            }
            puts.add(p.withPayload(change.apply(p.payload()), op));
        }
        apply(op, puts, List.of());
        stats.addPayloadsWritten(name, puts.size());
        return new PayloadUpdate(op, Optional.ofNullable(missing));
    }

    /**
     * Declares a payload index and indexes every point's values (a checkpoint follows). The type
     * comes from {@code fieldType} or else the params' kind. UNIMPLEMENTED for text-index options
     * the server does not model (other tokenizers, stemming, stop words, ASCII folding).
     */
    long createIndex(String field, FieldType fieldType, PayloadIndexParams params) {
        JsonPath.parse(field);
        PayloadSchemaType type;
        if (fieldType != null) {
            type = type(fieldType);
        } else if (params != null) {
            type = switch (params.getIndexParamsCase()) {
                case KEYWORD_INDEX_PARAMS -> PayloadSchemaType.Keyword;
                case INTEGER_INDEX_PARAMS -> PayloadSchemaType.Integer;
                case FLOAT_INDEX_PARAMS -> PayloadSchemaType.Float;
                case GEO_INDEX_PARAMS -> PayloadSchemaType.Geo;
                case TEXT_INDEX_PARAMS -> PayloadSchemaType.Text;
                case BOOL_INDEX_PARAMS -> PayloadSchemaType.Bool;
                case DATETIME_INDEX_PARAMS -> PayloadSchemaType.Datetime;
                case UUID_INDEX_PARAMS -> PayloadSchemaType.Uuid;
                default -> throw QdrantErrors.invalidArgument("Field type or index params must be provided");
            };
        } else {
            throw QdrantErrors.invalidArgument("Field type or index params must be provided");
        }
        if (params != null && params.hasTextIndexParams()) {
            TextIndexParams t = params.getTextIndexParams();
            if (t.getTokenizer() != TokenizerType.Word && t.getTokenizer() != TokenizerType.Unknown) {
                throw QdrantErrors.unimplemented("Text index tokenizer " + t.getTokenizer());
            }
            if (t.hasStemmer() || t.hasStopwords() || (t.hasAsciiFolding() && t.getAsciiFolding())) {
                throw QdrantErrors.unimplemented("Text index stemming, stop words and ASCII folding");
            }
        }
        PayloadIndex previous = indexes.put(field, new PayloadIndex(type, params));
        long op = ++operations;
        try {
            index.writeAndCommit(w -> {
                for (StoredPoint p : scrollById(null, null, Integer.MAX_VALUE, true)) {
                    w.updateDocument(new Term(PointDocuments.ID, new org.apache.lucene.util.BytesRef(p.id().toBytes())),
                            PointDocuments.document(p, indexes));
                }
            });
        } catch (IOException e) {
            restore(field, previous);
            throw new UncheckedIOException("indexing " + field + " in collection " + name + " failed", e);
        } catch (RuntimeException e) {
            restore(field, previous);
            throw e;
        }
        return op;
    }

    private void restore(String field, PayloadIndex previous) {
        if (previous == null) {
            indexes.remove(field);
        } else {
            indexes.put(field, previous);
        }
    }

    private static PayloadSchemaType type(FieldType fieldType) {
        return switch (fieldType) {
            case FieldTypeKeyword -> PayloadSchemaType.Keyword;
            case FieldTypeInteger -> PayloadSchemaType.Integer;
            case FieldTypeFloat -> PayloadSchemaType.Float;
            case FieldTypeGeo -> PayloadSchemaType.Geo;
            case FieldTypeText -> PayloadSchemaType.Text;
            case FieldTypeBool -> PayloadSchemaType.Bool;
            case FieldTypeDatetime -> PayloadSchemaType.Datetime;
            case FieldTypeUuid -> PayloadSchemaType.Uuid;
            default -> throw QdrantErrors.invalidArgument("Unknown field type");
        };
    }

    private static FieldType fieldType(PayloadSchemaType type) {
        return switch (type) {
            case Keyword -> FieldType.FieldTypeKeyword;
            case Integer -> FieldType.FieldTypeInteger;
            case Float -> FieldType.FieldTypeFloat;
            case Geo -> FieldType.FieldTypeGeo;
            case Text -> FieldType.FieldTypeText;
            case Bool -> FieldType.FieldTypeBool;
            case Datetime -> FieldType.FieldTypeDatetime;
            case Uuid -> FieldType.FieldTypeUuid;
            default -> throw new IllegalArgumentException("no field type for " + type);
        };
    }

    /** Drops a payload index (a no-op when there is none); a checkpoint records it. */
    long deleteIndex(String field) {
        PayloadIndex previous = indexes.remove(field);
        long op = ++operations;
        try {
            index.writeAndCommit(w -> {
            });
        } catch (IOException e) {
            restore(field, previous);
            throw new UncheckedIOException("dropping index " + field + " of collection " + name + " failed", e);
        }
        return op;
    }

    /**
     * The scalar payload values an index of this type would hold for a point: strings for keyword
     * and text, integers for integer, numbers for float, booleans for bool, date-time strings for
     * datetime, UUID strings for uuid, {@code lat}/{@code lon} objects for geo; arrays are
     * flattened.
     */
    static List<Value> indexedValues(StoredPoint p, String field, PayloadSchemaType type) {
        List<Value> out = new ArrayList<>();
        for (Value item : PointDocuments.flattened(p.payload(), field)) {
            if (fits(item, type)) {
                out.add(item);
            }
        }
        return out;
    }

    private static boolean fits(Value v, PayloadSchemaType type) {
        return switch (type) {
            case Keyword, Text -> v.hasStringValue();
            case Integer -> v.hasIntegerValue();
            case Float -> v.hasIntegerValue() || v.hasDoubleValue();
            case Bool -> v.hasBoolValue();
            case Datetime -> v.hasStringValue() && DateTimes.parseMicros(v.getStringValue()) != null;
            case Uuid -> v.hasStringValue() && PointKey.tryParseUuid(v.getStringValue()) != null;
            case Geo -> v.hasStructValue() && v.getStructValue().containsFields("lat")
                    && v.getStructValue().containsFields("lon");
            default -> false;
        };
    }

    /** Points that have at least one value the index holds (the {@code points} of payload_schema). */
    long indexedPointCount(String field) {
        return search(s -> (long) s.count(new TermQuery(new Term(PointDocuments.HAS, field))));
    }

    /** The storage folder, or null in memory. */
    Path folder() {
        return index.folder();
    }
}
