/**
 * Turns an `Authorization: Bearer <key>` header into a Credential, and
 * checks roles in resolvers. Keys never leave this module: errors and logs
 * name neither the key nor its hash.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { databaseUnavailable, ErrorCode } from '../errors.js';
import type { Database } from '../neo4j/database.js';
import { isUnavailable } from '../neo4j/driverErrors.js';
import { bearerKey, hasRole, isRole, keyIdOf, matchesHash, type Credential, type Role } from './apiKeys.js';
import { keyByIdCypher } from './apiKeys.cypher.js';

/**
 * What the request presented: no key, a key that is not valid, a valid one,
 * or a key that could not be checked because Neo4j is unavailable.
 */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  | { kind: 'unavailable' }
  | { kind: 'key'; credential: Credential };

export const ANONYMOUS: Authentication = { kind: 'anonymous' };

/** Looks the presented key up by its id and compares hashes in constant time. */
export async function authenticate(db: Database, authorization: string | null | undefined): Promise<Authentication> {
  if (!authorization) return ANONYMOUS;
  const key = bearerKey(authorization);
  const id = key ? keyIdOf(key) : null;
  if (!key || !id) {
    matchesHash(key ?? '', null);
    return { kind: 'invalid' };
  }
  const [row] = await db.read(keyByIdCypher, { id });
  const stored = (row?.hash as string | undefined) ?? null;
  if (!matchesHash(key, stored) || !row || !isRole(String(row.role))) return { kind: 'invalid' };
  return { kind: 'key', credential: { keyId: String(row.id), name: String(row.name), role: row.role as Role } };
}

/**
 * The request's key, checked against Neo4j. When Neo4j is down the key
 * cannot be checked: the request goes on as one whose key is unchecked,
 * so that its reads fail with DATABASE_UNAVAILABLE like anyone's, and a
 * mutation is refused the same way rather than with a 500.
 */
export async function authenticateOrUnavailable(db: Database, authorization: string | null | undefined): Promise<Authentication> {
  try {
    return await authenticate(db, authorization);
  } catch (error) {
    if ((error as GraphQLError).extensions?.code === ErrorCode.DATABASE_UNAVAILABLE || isUnavailable(error)) {
      return { kind: 'unavailable' };
    }
    throw error;
  }
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/**
 * The credential of a request that may do what `role` allows; throws
 * UNAUTHENTICATED without a valid key and FORBIDDEN with too weak a one.
 */
export function requireRole(auth: Authentication, role: Role, action: string): Credential {
  if (auth.kind === 'anonymous') {
    throw unauthenticated(`${action} needs an API key with the ${role} role: send "Authorization: Bearer <key>".`);
  }
  if (auth.kind === 'invalid') {
    throw unauthenticated(`The API key sent is unknown, revoked or malformed; ${action} needs a valid key with the ${role} role.`);
  }
  if (auth.kind === 'unavailable') throw databaseUnavailable();
  if (!hasRole(auth.credential.role, role)) {
    throw forbidden(`${action} needs the ${role} role; this key has the ${auth.credential.role} role.`);
  }
  return auth.credential;
}

/** graphql-js's suggestions in validation errors: `Did you mean "name"?`. */
const SCHEMA_HINT = /\s*Did you mean [^?]*\?$/;

/** An error without the schema hints that graphql-js adds to its validation messages. */
export function withoutSchemaHints(error: GraphQLFormattedError): GraphQLFormattedError {
  return SCHEMA_HINT.test(error.message) ? { ...error, message: error.message.replace(SCHEMA_HINT, '') } : error;
}

/**
 * The read rules for one caller: with GREENGRAPH_REQUIRE_KEY_FOR_READS a
 * reader key is needed (UNAUTHENTICATED/FORBIDDEN otherwise); without it, an
 * invalid key is refused all the same and no key reads anonymously. Queries
 * (readAccessPlugin) and subscriptions (src/changes/) share it.
 */
export function checkReadAccess(auth: Authentication, requireKeyForReads: boolean): void {
  if (requireKeyForReads) requireRole(auth, 'reader', 'Reading the graph');
  else if (auth.kind === 'invalid') {
    throw unauthenticated('The API key sent is unknown, revoked or malformed: send a valid key, or no Authorization header to read anonymously.');
  }
}

/**
 * Refuses queries without a valid reader key when reads are configured to
 * need one (GREENGRAPH_REQUIRE_KEY_FOR_READS), and such callers get no schema
 * hints in validation errors. A key that is sent must be valid even on open
 * reads: a client has to learn that its key is wrong, not be served as
 * anonymous. Mutations check their own, stronger roles in their resolvers.
 */
export function readAccessPlugin<C extends { auth: Authentication }>(requireKeyForReads: boolean): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'query') return;
          checkReadAccess(contextValue.auth, requireKeyForReads);
        },
        async willSendResponse({ contextValue, response }) {
          if (!requireKeyForReads || contextValue.auth.kind === 'key' || response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (errors) response.body.singleResult.errors = errors.map(withoutSchemaHints);
        },
      };
    },
  };
}
