/**
 * The playground and the explorer in headless Chromium (Debian's `chromium`
 * package, driven by playwright-core: no browser download). Both pages must
 * work offline: every request they make goes to the API itself.
 *
 * Screenshots go to .data/screenshots/. The explorer's own tests are in
 * test/explorer.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../web/build.js';
import { useSeededGraph } from './support/graph.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), '.data', 'screenshots');

const graph = useSeededGraph();
let base: string;
let context: BrowserContext;
let userDataDir: string;
const offsiteRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with ` +
        '`apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  await ensureWebBuilt({ log: () => undefined });
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), 'greengraph-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:')) offsiteRequests.push(request.url());
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

describe('playground', () => {
  it('opens with the contract operations and runs the Hubei query', async () => {
    const page = await newPage();
    await page.goto(`${base}/playground`);
    await page.locator('.graphiql-tab-button', { hasText: 'ForeignCoBuilders' }).first().waitFor();
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['ForeignCoBuilders', 'ParkDetail', 'HowConnected', 'GraphStats', 'Aggregates']));
    await page.locator('.graphiql-tab-button', { hasText: 'ForeignCoBuilders' }).first().click();
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('Schneider Electric');
    expect(await result.textContent()).toContain('"totalCount": 1');
    await page.screenshot({ path: join(SCREENSHOTS, 'playground.png') });
    await page.close();
  });

  it('is where a browser opening /graphql lands', async () => {
    const page = await newPage();
    const response = await page.goto(`${base}/graphql`);
    expect(new URL(page.url()).pathname).toBe('/playground');
    expect(response?.status()).toBe(200);
    await page.close();
  });
});

describe('pages', () => {
  it('made no request outside the API', () => {
    expect(offsiteRequests).toEqual([]);
  });
});
