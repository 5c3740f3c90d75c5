import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The repository root: the nearest folder above this file with a
 * package.json. Works from src/ under tsx and from dist/ after a build.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('greengraph: cannot find the project root (no package.json above src/)');
    dir = parent;
  }
  cached = dir;
  return dir;
}
