/**
 * `npm run seed`: applies migrations and the seed graph again. Idempotent:
 * a second run changes nothing.
 */
import { readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { applySeed, describeSeed } from './seedGraph.js';

const config = readConfig();
const graph = await connect(config, (line) => console.log(`greengraph: ${line}`));
try {
  await migrate(graph.db);
  console.log(`greengraph: seed applied: ${describeSeed(await applySeed(graph.db))}`);
} catch (error) {
  console.error(`greengraph: seeding failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await graph.close();
}
