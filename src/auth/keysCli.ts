/**
 * `npm run keys -- create --role editor --name alice`: prints a new API key
 * once (only its hash is stored). `list` shows ids, names, roles and dates;
 * `revoke <id>` ends a key. Uses the same Neo4j as `npm start`.
 */
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config.js';
import { connect } from '../graphDatabase.js';
import { migrate } from '../neo4j/migrations.js';
import { generateKey, isRole, ROLES } from './apiKeys.js';
import { createKeyCypher, listKeysCypher, revokeKeyCypher } from './apiKeys.cypher.js';

const USAGE = `Usage:
  npm run keys -- create --role <${ROLES.join('|')}> --name <who or what uses it>
  npm run keys -- list
  npm run keys -- revoke <key id>`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (command === 'create') {
    const role = values.role ?? '';
    const name = values.name?.trim() ?? '';
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, but got: ${role || '(none)'}`);
    if (!name || name.length > 100) throw new UsageError('--name is required: 1 to 100 characters saying who uses the key.');
    await withDatabase(async (db) => {
      const { id, key, hash } = generateKey();
      await db.write(createKeyCypher, { id, name, role, hash });
      console.log(`Created ${role} key ${id} for "${name}". This is the only time the key is shown:\n\n${key}\n`);
      console.log('Send it as "Authorization: Bearer <key>".');
    });
  } else if (command === 'list') {
    await withDatabase(async (db) => {
      const rows = await db.read(listKeysCypher);
      if (!rows.length) console.log('No API keys yet.');
      for (const row of rows) {
        console.log(`${row.id}  ${String(row.role).padEnd(6)}  ${row.name}  created ${row.createdAt}${row.revokedAt ? `  REVOKED ${row.revokedAt}` : ''}`);
      }
    });
  } else if (command === 'revoke') {
    const id = rest[0] ?? '';
    if (!/^[0-9a-f]{16}$/.test(id)) throw new UsageError(`revoke needs a key id (16 hex digits, see "list"), but got: ${id || '(none)'}`);
    await withDatabase(async (db) => {
      const [row] = await db.write(revokeKeyCypher, { id });
      if (!row) throw new UsageError(`No API key with id ${id}.`);
      console.log(`Key ${id} is revoked (since ${row.revokedAt}).`);
    });
  } else {
    throw new UsageError(USAGE);
  }
}

async function withDatabase(work: (db: Awaited<ReturnType<typeof connect>>['db']) => Promise<void>): Promise<void> {
  const graph = await connect(readConfig());
  try {
    await migrate(graph.db);
    await work(graph.db);
  } finally {
    await graph.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) console.error(error.message);
  else console.error('keys: failed:', (error as Error).message);
  process.exitCode = 1;
});
