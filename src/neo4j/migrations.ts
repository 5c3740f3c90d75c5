/**
 * Versioned, idempotent schema migrations. Each applied version is recorded
 * as a (:Migration {version}) node; statements use IF NOT EXISTS, so running
 * a migration twice, or on a database that already has its indexes, is safe.
 */
import type { Database } from './database.js';
import { chunkOldChanges } from '../changes/chunkOldChanges.js';
import { rebuildDerived } from '../derived/rebuildDerived.js';
import { FOLDED_TEXT, foldedName, setFoldedTwins } from '../read/foldedText.js';

export interface Migration {
  version: number;
  description: string;
  statements: string[];
  /** Data to compute once the statements are applied (idempotent, like them). */
  data?: (db: Database) => Promise<unknown>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'Unique ids for every entity; codes for provinces and countries',
    statements: [
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT province_code IF NOT EXISTS FOR (n:Province) REQUIRE n.code IS UNIQUE',
      'CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE',
      'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (n:Migration) REQUIRE n.version IS UNIQUE',
    ],
  },
  {
    version: 2,
    description: 'Indexes for sorting and filtering lists',
    statements: [
      'CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name)',
      'CREATE INDEX park_name IF NOT EXISTS FOR (n:Park) ON (n.name)',
      'CREATE INDEX partnership_kind IF NOT EXISTS FOR (n:Partnership) ON (n.kind)',
      'CREATE INDEX partnership_title IF NOT EXISTS FOR (n:Partnership) ON (n.title)',
      'CREATE INDEX pledge_target_year IF NOT EXISTS FOR (n:Pledge) ON (n.targetYear)',
      'CREATE INDEX source_title IF NOT EXISTS FOR (n:Source) ON (n.title)',
    ],
  },
  {
    version: 3,
    description: 'Full-text search over names, Chinese names, aliases, titles and codes',
    statements: [
      `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
       FOR (n:Company|Park|Province|Country|Partnership|Facility|Pledge|Source)
       ON EACH [n.name, n.localName, n.aliasText, n.title, n.code, n.statement]`,
    ],
  },
  {
    version: 4,
    description: 'API keys (found by id, stored as hashes) and pledge versions',
    statements: [
      'CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE',
      'CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE',
      'CREATE INDEX pledge_version_pledge IF NOT EXISTS FOR (v:PledgeVersion) ON (v.pledgeId)',
    ],
  },
  {
    version: 5,
    description: 'Derived facts stored and maintained on write: Company.foreign and ACTIVE_IN, computed for existing data',
    statements: [
      'CREATE INDEX company_foreign IF NOT EXISTS FOR (n:Company) ON (n.foreign)',
      'CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE',
    ],
    data: (db) => rebuildDerived(db),
  },
  {
    version: 6,
    description: 'Write locks: a (:WriteLock {id}) per id a write depends on, unique so that two writers of one id serialize (src/write/locks.ts)',
    statements: ['CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.id IS UNIQUE'],
  },
  {
    version: 7,
    description: 'Cities: full-text search finds them (and through them their parks and facilities)',
    statements: [
      // A full-text index's labels cannot be changed in place.
      'DROP INDEX entity_search IF EXISTS',
      `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
       FOR (n:Company|Park|Province|Country|Partnership|Facility|Pledge|Source|City)
       ON EACH [n.name, n.localName, n.aliasText, n.title, n.code, n.statement]`,
    ],
  },
  {
    version: 8,
    description: 'Imports: found by id (every import batch, resume and retraction looks its record up)',
    statements: ['CREATE CONSTRAINT import_id IF NOT EXISTS FOR (i:Import) REQUIRE i.id IS UNIQUE'],
  },
  {
    version: 9,
    description: 'Programs and designations: full-text search finds programs; designations are found by status for the parks filter',
    statements: [
      'DROP INDEX entity_search IF EXISTS',
      `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
       FOR (n:Company|Park|Province|Country|Partnership|Facility|Pledge|Source|City|Program)
       ON EACH [n.name, n.localName, n.aliasText, n.title, n.code, n.statement]`,
      'CREATE INDEX designation_status IF NOT EXISTS FOR (n:Designation) ON (n.status)',
      'CREATE INDEX designation_version_designation IF NOT EXISTS FOR (v:DesignationVersion) ON (v.designationId)',
    ],
  },
  {
    version: 10,
    description: 'Filters (where) start from an index on the dates, statuses and sectors they compare, and on names and titles they match as text',
    statements: [
      'CREATE INDEX partnership_started_on IF NOT EXISTS FOR (n:Partnership) ON (n.startedOn)',
      'CREATE INDEX partnership_ended_on IF NOT EXISTS FOR (n:Partnership) ON (n.endedOn)',
      'CREATE INDEX partnership_status IF NOT EXISTS FOR (n:Partnership) ON (n.status)',
      'CREATE INDEX source_published_on IF NOT EXISTS FOR (n:Source) ON (n.publishedOn)',
      'CREATE INDEX company_sector IF NOT EXISTS FOR (n:Company) ON (n.sector)',
      'CREATE INDEX park_status IF NOT EXISTS FOR (n:Park) ON (n.status)',
      'CREATE TEXT INDEX company_name_text IF NOT EXISTS FOR (n:Company) ON (n.name)',
      'CREATE TEXT INDEX company_sector_text IF NOT EXISTS FOR (n:Company) ON (n.sector)',
      'CREATE TEXT INDEX partnership_title_text IF NOT EXISTS FOR (n:Partnership) ON (n.title)',
    ],
  },
  {
    version: 11,
    description: 'Case-insensitive matching on names, sectors and titles reads a stored lower-cased twin through a TEXT index',
    statements: [
      'CREATE TEXT INDEX company_name_folded IF NOT EXISTS FOR (n:Company) ON (n.nameFolded)',
      'CREATE TEXT INDEX company_sector_folded IF NOT EXISTS FOR (n:Company) ON (n.sectorFolded)',
      'CREATE TEXT INDEX park_name_folded IF NOT EXISTS FOR (n:Park) ON (n.nameFolded)',
      'CREATE TEXT INDEX partnership_title_folded IF NOT EXISTS FOR (n:Partnership) ON (n.titleFolded)',
    ],
    data: foldExistingText,
  },
  {
    version: 12,
    description: 'Change feed: one (:ChangeSequence) counter every write increments as it appends (:Change {seq}) nodes, found and pruned by seq (src/changes/)',
    statements: [
      'CREATE CONSTRAINT change_sequence_id IF NOT EXISTS FOR (s:ChangeSequence) REQUIRE s.id IS UNIQUE',
      'CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE',
    ],
    data: (db) => db.write("MERGE (s:ChangeSequence {id: 'changes'}) ON CREATE SET s.next = 1, s.prunedBelow = 1"),
  },
  {
    version: 13,
    description: 'The change log keeps changes in (:ChangeBatch) chunks of up to 1,000, found by their last seq (src/changes/changeLog.cypher.ts); the changes kept one node each are moved into chunks',
    statements: [
      'CREATE CONSTRAINT change_batch_first IF NOT EXISTS FOR (b:ChangeBatch) REQUIRE b.first IS UNIQUE',
      'CREATE INDEX change_batch_last IF NOT EXISTS FOR (b:ChangeBatch) ON (b.last)',
    ],
    data: chunkOldChanges,
  },
];

/** Writes the lower-cased twins (src/read/foldedText.ts) of nodes written before migration 11, in batches. */
async function foldExistingText(db: Database): Promise<void> {
  for (const [label, fields] of Object.entries(FOLDED_TEXT)) {
    const stale = fields.map((f: string) => `(n.${f} IS NOT NULL AND n.${foldedName(f)} IS NULL)`).join(' OR ');
    for (;;) {
      const [row] = await db.write(`MATCH (n:${label}) WHERE ${stale} WITH n LIMIT 10000 ${setFoldedTwins(label, 'n')} RETURN count(*) AS folded`);
      if (!row || Number(row.folded) === 0) break;
    }
  }
}

/** The highest version this code expects; /ready waits for it. */
export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Applies the migrations not yet recorded, in order, and waits for indexes to come online. */
export async function migrate(db: Database): Promise<number[]> {
  const rows = await db.read('MATCH (m:Migration) RETURN m.version AS version');
  const applied = new Set(rows.map((row) => row.version as number));
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    // Schema statements cannot share a transaction with data writes.
    for (const statement of migration.statements) await db.write(statement);
    if (migration.data) {
      await db.write('CALL db.awaitIndexes(300)');
      await migration.data(db);
    }
    await db.write(
      'MERGE (m:Migration {version: $version}) ON CREATE SET m.description = $description, m.appliedAt = datetime()',
      { version: migration.version, description: migration.description },
    );
    done.push(migration.version);
  }
  await db.write('CALL db.awaitIndexes(300)');
  return done;
}

/** The latest applied migration version, or 0 when none is. */
export async function appliedVersion(db: Database): Promise<number> {
  const [row] = await db.read('MATCH (m:Migration) RETURN coalesce(max(m.version), 0) AS version');
  return (row?.version as number | undefined) ?? 0;
}
