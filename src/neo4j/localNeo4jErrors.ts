/** Why no local Neo4j could be had, and what to do about it. */

export const NO_NEO4J_HINT =
  'set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use an existing server, or install Java 17+ and Maven ' +
  'so greengraph can start a local Neo4j (Debian: apt-get install openjdk-17-jdk-headless maven)';

/** No local Neo4j can be started here: what to install or set is in the message. */
export class Neo4jUnavailableError extends Error {
  override name = 'Neo4jUnavailableError';
}

/** The launcher started but did not become ready (or was not there to reuse). */
export class Neo4jStartError extends Error {
  override name = 'Neo4jStartError';
}
