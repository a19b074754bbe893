package io.alexandria.sync;

import java.util.List;

/**
 * What comparing one source's listing with the ledger found.
 *
 * @param listed       documents the source holds
 * @param added        new documents queued
 * @param changed      changed documents queued for re-ingest
 * @param unchanged    documents needing no work
 * @param metadataOnly documents queued for a payload-only update
 * @param renamed      moved documents recognised by content hash
 * @param deleting     vanished documents queued for deletion
 * @param heldDeletes  vanished documents whose deletion is held by the mass-deletion guard
 * @param alarm        the guard's message, or null
 * @param problems     non-fatal listing problems
 * @param unavailable  why the source could not be listed at all (its folder is missing or
 *                     unreadable: nothing was compared and nothing deleted), or null when it was
 */
public record ScanReport(String source, int listed, int added, int changed, int unchanged, int metadataOnly,
                         int renamed, int deleting, int heldDeletes, String alarm, List<String> problems,
                         String unavailable) {
}
