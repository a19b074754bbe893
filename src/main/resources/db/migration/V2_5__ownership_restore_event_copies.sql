-- Issue 11 (never lose or leak anything). Numbered 2.5 so that migrations other branches add as V2,
-- V3... still sort around it without a clash.

-- The event outbox keeps this host's own events once published (published_at set) until the event
-- retention removes them, so a lost alexandria_events collection is re-filled by every host; an
-- event Qdrant rejected waits out its own backoff (not_before) and never blocks the ones behind it.
ALTER TABLE event_outbox ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE event_outbox ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_outbox_unpublished ON event_outbox (published_at, seq);

-- A document whose points vanished from Qdrant (a wiped or re-created collection) is re-uploaded
-- from its source and the embedding cache without new ingest events: restoring = TRUE until its
-- upload commits.
ALTER TABLE documents ADD COLUMN restoring BOOLEAN DEFAULT FALSE NOT NULL;

-- When a document was queued for deletion because it left its source: the mass-deletion guard
-- counts deletions over a sliding window, not one scan.
ALTER TABLE documents ADD COLUMN vanished_at TIMESTAMP WITH TIME ZONE;
