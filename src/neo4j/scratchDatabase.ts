/**
 * The rule for every command of ours that deletes data (the test setup,
 * benches, `seed:synthetic`): it works only on a scratch database, one that
 * was empty when a command of ours first claimed it, and that carries the
 * marker node that claim wrote. A database holding anything else (a user's
 * graph, API keys, a production store) is refused before anything is
 * touched, unless the user names that very database (`--database <uri>`).
 */
import type { Database } from './database.js';

/** The label of the marker node; nothing else in greengraph reads or counts it. */
export const SCRATCH_LABEL = 'GreengraphScratch';

/** A command refused to delete data in a database it does not own. */
export class NotAScratchDatabaseError extends Error {
  override name = 'NotAScratchDatabaseError';
}

export interface ScratchClaim {
  /** What wants to delete data, for the refusal message: "npm test", "npm run bench". */
  purpose: string;
  /** The database's address, for the message and to compare with `confirmedUri`. */
  uri: string;
  /** The address the user named to allow this command on a database it does not own. */
  confirmedUri?: string | undefined;
}

const CLAIM = `
OPTIONAL MATCH (marker:${SCRATCH_LABEL})
WITH count(marker) AS markers
CALL (markers) {
  MATCH (other) WHERE NOT other:${SCRATCH_LABEL}
  RETURN count(other) AS others
}
CALL (markers, others) {
  WITH markers, others WHERE markers = 0 AND others = 0
  CREATE (:${SCRATCH_LABEL} {claimedBy: $purpose, claimedAt: datetime()})
}
RETURN markers, others`;

/**
 * Claims the database for `purpose`: passes when it carries the marker, or
 * is empty (then writes the marker), or is the database the user named
 * (left unmarked: naming it allows this run, not the next);
 * otherwise throws NotAScratchDatabaseError and changes nothing. The check
 * and the marker are one write transaction: no partial claim.
 */
export async function claimScratchDatabase(db: Database, claim: ScratchClaim): Promise<void> {
  const confirmed = claim.confirmedUri !== undefined && sameDatabase(claim.confirmedUri, claim.uri);
  if (claim.confirmedUri !== undefined && !confirmed) {
    throw new NotAScratchDatabaseError(
      `--database names ${claim.confirmedUri}, but ${claim.purpose} is connected to ${claim.uri}: ` +
        'name the database it is connected to, exactly, to let it delete data there.',
    );
  }
  const [row] = await db.write(CLAIM, { purpose: claim.purpose, confirmed });
  const markers = Number(row?.markers ?? 0);
  const others = Number(row?.others ?? 0);
  if (markers > 0 || others === 0 || confirmed) return;
  throw new NotAScratchDatabaseError(
    `${claim.purpose} deletes data, so it runs only on a database of its own, but the database at ${claim.uri} ` +
      `holds ${others} nodes that no test or bench run of greengraph wrote (it carries no ${SCRATCH_LABEL} marker). ` +
      'Nothing was changed. Point it at an empty database, or, if that database may lose its data, ' +
      `name it: --database ${claim.uri}`,
  );
}

/** Whether the database carries the scratch marker (a read; changes nothing). */
export async function isScratchDatabase(db: Database): Promise<boolean> {
  const [row] = await db.read(`RETURN EXISTS { MATCH (:${SCRATCH_LABEL}) } AS marked`);
  return row?.marked === true;
}

/**
 * Deletes every node but the marker, in batches, after checking the marker
 * is there: the last guard before a wipe, whoever calls it.
 *
 * `keepMigrations` keeps the (:Migration) records: a wipe deletes data, not
 * the indexes and constraints those records describe, so migrating again
 * has nothing to do. The test graph keeps them; re-running the migrations
 * would drop and re-create the full-text index (migrations 7 and 9), which
 * empties Neo4j's query cache and makes every statement plan again.
 */
export async function wipeScratchDatabase(db: Database, options: { keepMigrations?: boolean } = {}): Promise<void> {
  if (!(await isScratchDatabase(db))) {
    throw new NotAScratchDatabaseError(
      `Refusing to wipe a database that carries no ${SCRATCH_LABEL} marker: claim it first (claimScratchDatabase).`,
    );
  }
  for (;;) {
    const [row] = await db.write(
      `MATCH (n) WHERE NOT n:${SCRATCH_LABEL}${options.keepMigrations ? ' AND NOT n:Migration' : ''} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted`,
    );
    if (!row || Number(row.deleted) === 0) return;
  }
}

/** Two addresses of one database: the same text, ignoring case and a trailing slash. */
function sameDatabase(a: string, b: string): boolean {
  const normal = (uri: string) => uri.trim().toLowerCase().replace(/\/+$/, '');
  return normal(a) === normal(b);
}
