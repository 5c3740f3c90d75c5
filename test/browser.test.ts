/**
 * The playground and the explorer in headless Chromium (see
 * test/support/chromium.ts for which one). Both pages must
 * work offline: every request they make goes to the API itself.
 *
 * Screenshots go to .data/screenshots/. The explorer's own tests are in
 * test/explorer.test.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../web/build.js';
import { launchChromium, type Browser } from './support/chromium.js';
import { useSeededGraph } from './support/graph.js';

const SCREENSHOTS = join(process.cwd(), '.data', 'screenshots');

const graph = useSeededGraph();
let base: string;
let browser: Browser;
let context: BrowserContext;
const offsiteRequests: string[] = [];

beforeAll(async () => {
  await ensureWebBuilt({ log: () => undefined });
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  context = browser.context;
  context.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:')) offsiteRequests.push(request.url());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

describe('playground', () => {
  /** The playground as a first visit sees it: nothing stored by an earlier one. */
  async function freshPlayground(): Promise<Page> {
    const page = await newPage();
    await page.goto(`${base}/playground`);
    await page.evaluate(() => {
      const { localStorage, sessionStorage } = globalThis as unknown as Record<'localStorage' | 'sessionStorage', { clear(): void }>;
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.reload();
    await page.locator('.graphiql-tab-button', { hasText: 'ForeignCoBuilders' }).first().waitFor();
    return page;
  }

  const variablesPane = (page: Page) => page.locator('.graphiql-editor-tool .graphiql-editor').first();

  it('opens with the contract operations, and the first ▶ of a fresh load answers the Hubei query', async () => {
    const page = await freshPlayground();
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['ForeignCoBuilders', 'ParkDetail', 'HowConnected', 'GraphStats', 'Aggregates', 'PledgedCompanies', 'PledgeWindow']));
    // No tab clicked: the first tab's variables are there from the start.
    await expect.poll(() => variablesPane(page).textContent()).toContain('"province": "CN-HB"');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('Schneider Electric');
    expect(await result.textContent()).toContain('"totalCount": 1');
    await page.screenshot({ path: join(SCREENSHOTS, 'playground.png') });
    await page.close();
  });

  it('opens each contract tab with variables that answer on the seed graph', async () => {
    const page = await freshPlayground();
    const expected: Record<string, string> = {
      ProvinceOverview: '"code": "CN-LN"',
      ParkDetail: '"id": "sino-german-park-shenyang"',
      HowConnected: '"from": "bmw-brilliance"',
    };
    for (const [tab, variables] of Object.entries(expected)) {
      await page.locator('.graphiql-tab-button', { hasText: tab }).first().click();
      await expect.poll(() => variablesPane(page).textContent(), { message: tab }).toContain(variables);
    }
    // GraphiQL reads the operation name from the query editor after a short debounce.
    await page.waitForTimeout(1_000);
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 15_000 }).toContain('"length"');
    await page.close();
  });

  it('lists the Query fields in the Docs panel, from the introspection query', async () => {
    const page = await freshPlayground();
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.locator('a', { hasText: /^Query$/ }).first().click();
    await expect.poll(() => docs.textContent(), { timeout: 15_000 }).toContain('companies');
    const text = (await docs.textContent()) ?? '';
    for (const field of ['company', 'provinces', 'search', 'shortestPath', 'neighborhood', 'aggregates']) expect(text).toContain(field);
    expect(text).not.toContain('Error fetching schema');
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-docs.png') });
    await page.close();
  });

  it('suggests fields while a query is typed', async () => {
    const page = await freshPlayground();
    // Autocomplete needs the schema: wait until the Docs panel could show it.
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer a', { hasText: /^Query$/ }).first().waitFor({ timeout: 15_000 });
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ shortest', { delay: 30 });
    const hints = page.locator('.CodeMirror-hints li');
    await expect.poll(() => hints.allTextContents(), { timeout: 10_000 }).toContain('shortestPath');
    await page.close();
  });

  it('sends the API key typed in its field as a bearer token, and keeps it for the session', async () => {
    const page = await freshPlayground();
    const key = 'gg_0123456789abcdef_playground-test-key';
    await page.fill('#api-key', key);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('greengraph.apiKey'))).toBe(key);
    const sent = page.waitForRequest((request) => request.url().endsWith('/graphql') && request.method() === 'POST');
    await page.locator('.graphiql-execute-button').click();
    expect((await sent).headers().authorization).toBe(`Bearer ${key}`);
    await page.reload();
    expect(await page.inputValue('#api-key')).toBe(key);
    await page.fill('#api-key', '');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('greengraph.apiKey'))).toBeNull();
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
