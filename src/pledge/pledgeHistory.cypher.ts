import type { BatchReadOp } from '../neo4j/batch.js';
import { MAX_PAGE_SIZE } from '../pagination.js';

export interface PledgeVersionRow {
  kind: 'NET_ZERO';
  status: 'ANNOUNCED';
  targetYear: number | null;
  statement: string | null;
  validFrom: string | null;
  validTo: string | null;
  sourceIds: string[];
  recordedBy: string | null;
}

/**
 * A pledge's latest MAX_PAGE_SIZE versions, oldest first, batched with every
 * other read of the tick (no extra round trip per pledge). The read starts
 * from the newest and stops there, however long the history grows.
 */
export const pledgeHistory: BatchReadOp<string, PledgeVersionRow[]> = {
  name: 'pledgeHistory',
  mode: 'batch',
  cypher: `
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
CALL {
  WITH key
  OPTIONAL MATCH (:Pledge {id: key})-[:HAS_VERSION]->(v:PledgeVersion)
  WITH v ORDER BY v.validFrom DESC, v.validTo DESC LIMIT ${MAX_PAGE_SIZE}
  RETURN reverse(collect(v {.kind, .status, .targetYear, .statement, .validFrom, .validTo, sourceIds: v.sources, .recordedBy})) AS versions
}
RETURN collect({i: i, v: versions}) AS result`,
};
