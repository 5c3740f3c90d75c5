/** Cypher for (:ApiKey) nodes. They are not entities: no `Entity` label, never in reads of the graph. */

export const createKeyCypher = `
CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime(), revokedAt: null})
RETURN k.id AS id`;

export const listKeysCypher = `
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.role AS role, k.createdAt AS createdAt, k.revokedAt AS revokedAt
ORDER BY k.createdAt`;

export const revokeKeyCypher = `
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime())
RETURN k.id AS id, k.revokedAt AS revokedAt`;

/** A live key by id, with its hash for the constant-time comparison. */
export const keyByIdCypher = `
MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL
RETURN k.id AS id, k.name AS name, k.role AS role, k.hash AS hash`;
