-- The ledger: H2 is the source of truth for what should be in Qdrant (shared seed 002);
-- work flows through durable stages held here (shared seed 003).

-- One row per note / book / dropped file.
CREATE TABLE documents (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    doc_uuid        UUID          NOT NULL,            -- deterministic: v5 of source|scope|source_id
    source          VARCHAR(16)   NOT NULL,            -- obsidian | calibre | file
    scope           VARCHAR(512)  NOT NULL,            -- vault name | calibre library uuid | '' (file)
    source_id       VARCHAR(4096) NOT NULL,            -- vault-relative path | calibre book id | file hash
    root_path       VARCHAR(4096),                     -- vault / library folder on this host
    file_path       VARCHAR(4096),                     -- file indexed, relative to root_path (absolute for 'file')
    title           VARCHAR(4096),
    format          VARCHAR(16),
    size_bytes      BIGINT,
    mtime_ms        BIGINT,
    content_hash    VARCHAR(64),                       -- SHA-256 of the file bytes (hex)
    metadata_hash   VARCHAR(64),                       -- SHA-256 of the metadata that goes into payloads
    metadata_json   CLOB,                              -- the source's metadata at the last scan (JSON object)
    doc_payload     CLOB,                              -- document-level payload fields last written (JSON object)
    status          VARCHAR(16)   NOT NULL,            -- pending | synced | failed | stale | deleted (seed 002)
    stage           VARCHAR(16)   NOT NULL,            -- see io.alexandria.store.Stage (seed 003)
    chunk_count     INT           DEFAULT 0 NOT NULL,  -- chunks (= points) in Qdrant for the indexed version
    indexed_at      TIMESTAMP WITH TIME ZONE,
    error_type      VARCHAR(64),
    last_error      CLOB,
    attempts        INT           DEFAULT 0 NOT NULL,
    not_before      TIMESTAMP WITH TIME ZONE,          -- retry backoff: do not pick before this time
    run_id          UUID,                              -- the sync run that last moved this document
    work_started_at TIMESTAMP WITH TIME ZONE,          -- when the current ingest began
    chunking_ms     BIGINT        DEFAULT 0 NOT NULL,  -- time spent extracting + chunking (current ingest)
    embedding_ms    BIGINT        DEFAULT 0 NOT NULL,  -- share of embedding batches (current ingest)
    upload_ms       BIGINT        DEFAULT 0 NOT NULL,  -- time spent upserting (current ingest)
    created_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT uq_documents_identity UNIQUE (source, scope, source_id)
);
CREATE UNIQUE INDEX ix_documents_uuid ON documents (doc_uuid);
CREATE INDEX ix_documents_stage ON documents (stage);
CREATE INDEX ix_documents_status ON documents (status);
CREATE INDEX ix_documents_hash ON documents (content_hash);

-- What is in Qdrant for each document: one row per chunk / point.
CREATE TABLE chunks (
    document_id BIGINT       NOT NULL,
    ordinal     INT          NOT NULL,
    text_hash   VARCHAR(64)  NOT NULL,                 -- SHA-256 of the embedding input
    point_id    UUID         NOT NULL,
    tokens      INT          NOT NULL,
    PRIMARY KEY (document_id, ordinal),
    CONSTRAINT fk_chunks_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_chunks_point ON chunks (point_id);

-- The next version of a document's chunks, between the chunked and uploaded stages.
CREATE TABLE pending_chunks (
    document_id  BIGINT       NOT NULL,
    ordinal      INT          NOT NULL,
    text_hash    VARCHAR(64)  NOT NULL,
    point_id     UUID         NOT NULL,
    tokens       INT          NOT NULL,
    text         CLOB         NOT NULL,                -- chunk text (payload "text")
    input        CLOB         NOT NULL,                -- exact model input (context line + text)
    heading_path CLOB,                                 -- JSON array of strings
    chapter      VARCHAR(4096),
    page         INT,
    PRIMARY KEY (document_id, ordinal),
    CONSTRAINT fk_pending_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_pending_hash ON pending_chunks (text_hash);

-- Embedding cache: a text already embedded with a model is never embedded again.
CREATE TABLE embeddings (
    model      VARCHAR(200) NOT NULL,
    text_hash  VARCHAR(64)  NOT NULL,
    vector     VARBINARY    NOT NULL,                  -- little-endian float32[dimension]
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (model, text_hash)
);

-- Outbox of events for the alexandria_events collection (shared seed 000).
CREATE TABLE event_outbox (
    seq          BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id     UUID          NOT NULL,
    payload_json CLOB          NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    attempts     INT DEFAULT 0 NOT NULL,
    last_error   CLOB
);

-- Points that must leave Qdrant (stale chunks, deleted documents), kept until Qdrant confirms.
CREATE TABLE point_deletes (
    seq        BIGINT AUTO_INCREMENT PRIMARY KEY,
    point_id   UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- One row per sync / watch session (shared seed 004's traces).
CREATE TABLE sync_runs (
    run_id      UUID PRIMARY KEY,
    hostname    VARCHAR(255) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,                 -- sync | watch | app
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE,
    documents   INT DEFAULT 0 NOT NULL,
    chunks      INT DEFAULT 0 NOT NULL,
    errors      INT DEFAULT 0 NOT NULL
);

-- Small key/value facts: last successful sync, active collection, alarms.
CREATE TABLE app_state (
    k VARCHAR(200) PRIMARY KEY,
    v CLOB
);

-- Lifetime counters, e.g. texts embedded per model (committed with the vectors they count).
CREATE TABLE counters (
    name  VARCHAR(200) PRIMARY KEY,
    total BIGINT NOT NULL
);

-- A collection being rebuilt for another model (issue #7): what is already in the new collection.
CREATE TABLE rebuild_docs (
    collection   VARCHAR(255) NOT NULL,
    document_id  BIGINT       NOT NULL,
    content_hash VARCHAR(64),
    chunk_count  INT          NOT NULL,
    PRIMARY KEY (collection, document_id),
    CONSTRAINT fk_rebuild_docs_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
);
CREATE TABLE rebuild_chunks (
    collection  VARCHAR(255) NOT NULL,
    document_id BIGINT       NOT NULL,
    ordinal     INT          NOT NULL,
    text_hash   VARCHAR(64)  NOT NULL,
    point_id    UUID         NOT NULL,
    tokens      INT          NOT NULL,
    PRIMARY KEY (collection, document_id, ordinal),
    CONSTRAINT fk_rebuild_chunks_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
);
