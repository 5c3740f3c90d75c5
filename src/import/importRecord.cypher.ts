/**
 * An import is a provenance record: an (:Import) node with who ran it, when,
 * which files (with SHA-256), how many records and rows, how far it got and
 * its status (running, committed, failed), and a RECORDED_IN link from every
 * entity it wrote, so that "where did this come from?" has an answer.
 */

/** Creates the record of a run that is about to write. */
export const createImportCypher = `
CREATE (i:Import {id: $id, by: $by, startedAt: datetime(), status: 'running',
  files: $files, sha256: $sha256, records: $records, rows: $rows, rowsCommitted: 0})`;

/**
 * In a batch's own transaction: links the entities it wrote to the import and
 * moves the import's high-water mark, so a resumed run skips exactly the
 * committed rows.
 */
export const batchCommittedCypher = `
MATCH (i:Import {id: $importId})
SET i.rowsCommitted = $done
WITH i
UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
MERGE (n)-[:RECORDED_IN]->(i)`;

/** Closes the record: committed, or failed with the reason. */
export const finishImportCypher = `
MATCH (i:Import {id: $id})
SET i.status = $status, i.endedAt = datetime(), i.error = $error`;

/** Marks a failed run as running again, for --resume. */
export const resumeImportCypher = `
MATCH (i:Import {id: $id})
SET i.status = 'running', i.resumedAt = datetime(), i.error = null`;

export const importByIdCypher = `
MATCH (i:Import {id: $id})
RETURN i.status AS status, i.files AS files, i.sha256 AS sha256, i.rowsCommitted AS rowsCommitted`;

/**
 * Stamps a committed import: at graph version `$at` every row of the files
 * with key `$key` is in the graph as it is (src/import/unchangedFiles.ts).
 */
export const stampUnchangedCypher = `
MATCH (i:Import {id: $id})
SET i.unchangedKey = $key, i.unchangedAt = $at`;

/** A committed import stamped with the files' key at the graph version `$at`, and how many records each file held. */
export const stampedImportCypher = `
MATCH (i:Import)
WHERE i.unchangedKey = $key AND i.unchangedAt = $at AND i.status = 'committed'
RETURN i.id AS id, i.records AS records, i.rows AS rows
LIMIT 1`;
