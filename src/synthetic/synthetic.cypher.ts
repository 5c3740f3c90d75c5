/**
 * Cypher that writes and removes the synthetic graph. Every synthetic node
 * carries the label `Synthetic` and `synthetic: true` besides its usual
 * labels, and cites a synthetic Source, so that removing it never touches
 * the real graph. Rows come in UNWIND batches; nodes are CREATEd, because a
 * run always starts from a graph without synthetic data.
 */
import { setFoldedTwins } from '../read/foldedText.js';

/** Opens a node of `label` from row `s` with the common stamps (statement fragment). */
const create = (label: string) => `
UNWIND $rows AS s
CREATE (n:Entity:Synthetic:${label} {id: s.id, synthetic: true, createdAt: datetime(), createdBy: 'synthetic',
  updatedAt: datetime(), updatedBy: 'synthetic'})`;

/** Links `n` to the source `s.source` (statement fragment). */
const cite = `
WITH n, s
MATCH (src:Entity {id: s.source})
CREATE (n)-[:SOURCED_FROM]->(src)`;

/** One statement per kind of row, in the order they must be written. */
export const WRITE_STATEMENTS: { rows: 'sources' | 'companies' | 'parents' | 'parks' | 'partnerships' | 'facilities' | 'pledges'; cypher: string }[] = [
  {
    rows: 'sources',
    cypher: `${create('Source')}
SET n.title = s.title, n.publisher = s.publisher, n.publishedOn = s.publishedOn, n.language = 'en'`,
  },
  {
    rows: 'companies',
    cypher: `${create('Company')}
SET n.name = s.name, n.sector = s.sector, n.aliases = [], n.aliasText = ''
${setFoldedTwins('Company', 'n')}
WITH n, s
MATCH (c:Country {code: s.country})
CREATE (n)-[:HEADQUARTERED_IN {sources: [s.source]}]->(c)
${cite}`,
  },
  {
    rows: 'parents',
    cypher: `UNWIND $rows AS s
MATCH (n:Entity {id: s.id})
MATCH (p:Entity {id: s.parent})
CREATE (n)-[:SUBSIDIARY_OF {kind: s.kind, sharePercent: s.sharePercent, sources: [s.source]}]->(p)`,
  },
  {
    rows: 'parks',
    cypher: `${create('Park')}
SET n.name = s.name, n.status = s.status, n.city = s.city, n.aliases = [], n.aliasText = ''
${setFoldedTwins('Park', 'n')}
WITH n, s
MATCH (pr:Province {code: s.province})
CREATE (n)-[:LOCATED_IN {sources: [s.source]}]->(pr)
${cite}`,
  },
  {
    rows: 'partnerships',
    cypher: `${create('Partnership')}
SET n.kind = s.kind, n.title = s.title, n.status = s.status, n.startedOn = s.startedOn,
    n.unnamedRoles = [], n.unnamedDescriptions = []
${setFoldedTwins('Partnership', 'n')}
WITH n, s
CALL (n, s) {
  UNWIND s.participants AS x
  MATCH (c:Entity {id: x.company})
  CREATE (c)-[:PARTICIPATES_IN {role: x.role, sources: [s.source]}]->(n)
}
CALL (n, s) {
  UNWIND s.parks AS parkId
  MATCH (pk:Entity {id: parkId})
  CREATE (n)-[:CONCERNS {sources: [s.source]}]->(pk)
}
CALL (n, s) {
  MATCH (pr:Province {code: s.province})
  CREATE (n)-[:LOCATED_IN {sources: [s.source]}]->(pr)
}
${cite}`,
  },
  {
    rows: 'facilities',
    cypher: `${create('Facility')}
SET n.name = s.name, n.kind = s.kind, n.city = s.city, n.products = []
WITH n, s
MATCH (pr:Province {code: s.province})
MATCH (pk:Entity {id: s.park})
MATCH (op:Entity {id: s.operator})
CREATE (n)-[:LOCATED_IN {sources: [s.source]}]->(pr)
CREATE (n)-[:IN_PARK {sources: [s.source]}]->(pk)
CREATE (op)-[:OPERATES {sources: [s.source]}]->(n)
${cite}`,
  },
  {
    rows: 'pledges',
    cypher: `${create('Pledge')}
SET n.kind = s.kind, n.targetYear = s.targetYear, n.status = s.status, n.statement = s.statement
WITH n, s
MATCH (who:Entity {id: s.pledger})
CREATE (who)-[:PLEDGED {sources: [s.source]}]->(n)
${cite}`,
  },
];

/** Deletes up to $batch synthetic nodes with their relationships; returns how many. */
export const DELETE_SYNTHETIC_BATCH = `
MATCH (n:Synthetic)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted`;

/** The ISO codes of the provinces the real reference data put in the database. */
export const PROVINCE_CODES = 'MATCH (p:Province) WHERE p.synthetic IS NULL RETURN p.code AS code ORDER BY p.code';

/** Counts what a run wrote, to report it. */
export const COUNT_SYNTHETIC = `
MATCH (n:Synthetic)
WITH count(n) AS nodes
OPTIONAL MATCH (:Synthetic)-[r]-()
RETURN nodes, count(DISTINCT r) AS relationships`;
