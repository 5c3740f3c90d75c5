/**
 * Builds the playground and explorer bundle (web/dist) when it is missing or
 * stale, so that `npm start` on a fresh clone serves them without a separate
 * step. Staleness is a hash of every input of the bundle, kept beside it.
 *
 *   npx tsx web/build.ts          build if needed (npm start runs this first)
 *   npx tsx web/build.ts --force  build anyway
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const WEB_DIST = join(root, 'web', 'dist');
const HASH_FILE = join(WEB_DIST, '.inputs-hash');

/** Everything the bundle is made from. */
const INPUTS = ['web/playground.html', 'web/explorer.html', 'web/vite.config.ts', 'web/src', 'src/client', 'packages/client/src', 'package-lock.json'];

function files(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

export function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds web/dist unless it is there and made from the current inputs. Resolves to what it did. */
export async function ensureWebBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<'fresh' | 'built'> {
  const log = options.log ?? ((line: string) => console.log(line));
  const hash = inputsHash();
  const built = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, 'utf8').trim() : null;
  if (!options.force && built === hash && existsSync(join(WEB_DIST, 'playground.html'))) return 'fresh';
  log(built ? 'web: playground and explorer changed; rebuilding web/dist' : 'web: building the playground and explorer into web/dist');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts') });
  writeFileSync(HASH_FILE, `${hash}\n`);
  log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuilt({ force: process.argv.includes('--force') })
    .then((result) => {
      if (result === 'fresh') console.log('web: web/dist is up to date');
    })
    .catch((error: unknown) => {
    console.error('web: the build failed:', error);
    process.exit(1);
  });
}
