/**
 * @greengraph/client as npm packs it: compiled ESM and .d.ts only, and no
 * dependency beyond graphql and the typed-document interface. (.ci/sdk-package
 * goes further: it installs the tarball into a fresh project, type-checks a
 * strict client and runs the Hubei example from plain Node.)
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('packages/client/package.json', 'utf8'));

describe('@greengraph/client, packed', () => {
  it('depends on graphql and @graphql-typed-document-node/core only', () => {
    expect(manifest.name).toBe('@greengraph/client');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@graphql-typed-document-node/core', 'graphql']);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts.prepack).toBe('npm run build');
  });

  it('exports compiled JavaScript with its types, and packs nothing else', async () => {
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    // The repository's install (prepare) has built dist/; --ignore-scripts lists what is there.
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', '@greengraph/client'], { env: { ...process.env, npm_config_loglevel: 'error' } });
    const files = (JSON.parse(stdout)[0].files as { path: string }[]).map((file) => file.path).sort();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/createClient.js', 'dist/generated/operations.d.ts']));
    expect(files.filter((file) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts))$/.test(file))).toEqual([]);
  });
});
