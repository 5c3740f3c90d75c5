import type { Database, RoundTripCounter } from './neo4j/database.js';
import { createGraphLoader, type GraphLoader } from './neo4j/batch.js';
import { ANONYMOUS, type Authentication } from './auth/authenticate.js';
import type { ChangeFeed } from './changes/changeFeed.js';

/** What every resolver gets: the database and loaders made fresh for this request. */
export interface Context {
  db: Database;
  loader: GraphLoader;
  stats: RoundTripCounter;
  /** Who is calling: checked by mutations (src/auth/). */
  auth: Authentication;
  /** The process's change feed, for subscriptions (src/changes/); absent in contexts that serve none. */
  feed?: ChangeFeed;
}

export function createContext(db: Database, auth: Authentication = ANONYMOUS): Context {
  const stats: RoundTripCounter = { roundTrips: 0 };
  const counted = db.withCounter(stats);
  return { db: counted, loader: createGraphLoader(counted), stats, auth };
}
