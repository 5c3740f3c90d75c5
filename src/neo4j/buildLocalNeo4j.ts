/** `npm run neo4j:build`: builds the local Neo4j launcher (Maven) unless it is up to date. */
import { buildLocalNeo4j } from './launcherBuild.js';

await buildLocalNeo4j({ log: (line) => console.log(`greengraph: ${line}`) });
console.log('greengraph: local Neo4j launcher is built');
