/**
 * The check pass's graph lookup for the ids an input defines, 10,000 at a
 * time. The graph compares: it returns only the ids it holds with another
 * type (each a problem) and how many rows it already holds exactly as they
 * are (their stored row hash matches, see rowHash.ts; a company with a
 * parent link counts twice, as it is two rows; a retired entity holds none,
 * as in storedRowsOf, so that `--revive` can revive it; `retired` counts
 * them). Returning a row per id cost the driver more CPU than checking the
 * records did.
 */
import { nodeType } from '../node/node.cypher.js';

export const definedIdsCypher = `
UNWIND range(0, size($ids) - 1) AS i
WITH i, $ids[i] AS id, $types[i] AS wanted, $hashes[i] AS hash, $parents[i] AS hasParent
OPTIONAL MATCH (n:Entity {id: id})
WITH i, n, wanted, hash, hasParent, ${nodeType('n')} AS type
WITH i, type, wanted, n.retiredOn IS NOT NULL AS retired,
  CASE WHEN type IS NOT NULL AND type <> wanted THEN false ELSE true END AS fits,
  CASE WHEN hash IS NULL OR n.retiredOn IS NOT NULL THEN 0 ELSE
    (CASE WHEN n.importHash = hash THEN 1 ELSE 0 END) + (CASE WHEN hasParent AND n.importParentHash = hash THEN 1 ELSE 0 END)
  END AS same
RETURN collect(CASE WHEN fits THEN null ELSE [i, type] END) AS conflicts, sum(CASE WHEN fits THEN same ELSE 0 END) AS unchanged,
  sum(CASE WHEN retired THEN 1 ELSE 0 END) AS retired`;

/** The stored status of the designations among `ids` (an import's check compares them with its rows'). */
export const storedDesignationStatusesCypher = `
UNWIND $ids AS id
MATCH (d:Entity {id: id}) WHERE d:Designation
RETURN d.id AS id, d.status AS status`;
