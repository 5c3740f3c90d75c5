/**
 * The explorer in headless Chromium against a real server over the seed
 * graph (and, for the crowded case, a synthetic graph beside it): search and
 * expand, filters, layouts, readable labels at 200 nodes, the shortest path,
 * exports, deep links and the API key. Every request must stay on the API.
 *
 * Screenshots go to .data/screenshots/; with GREENGRAPH_DOCS_SCREENSHOT=1
 * they also replace the README's in docs/.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/auth/apiKeys.js';
import { createKeyCypher } from '../src/auth/apiKeys.cypher.js';
import { createServer, type GreengraphServer } from '../src/server.js';
import { importDataset } from '../src/import/importDataset.js';
import { GREEN_PARKS_DIR, NATIONAL_LIST_DIR } from '../src/program/generateNationalList.js';
import { retractImport } from '../src/provenance/retract.js';
import { writeSyntheticGraph } from '../src/synthetic/writeSynthetic.js';
import { ensureWebBuilt } from '../web/build.js';
import { launchChromium, type Browser } from './support/chromium.js';
import { readGraphFile } from './support/graphFileReader.js';
import { useSeededGraph } from './support/graph.js';

const SCREENSHOTS = join(process.cwd(), '.data', 'screenshots');
const graph = useSeededGraph();
let base: string;
let browser: Browser;
const offsiteRequests: string[] = [];

beforeAll(async () => {
  await ensureWebBuilt({ log: () => undefined });
  base = `http://127.0.0.1:${await graph.server.listen(0)}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  browser.context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('http://127.0.0.1:') && !url.startsWith('data:') && !url.startsWith('blob:')) offsiteRequests.push(url);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** Saves a screenshot, and copies it into docs/ when the docs are being refreshed. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, name) });
  if (process.env.GREENGRAPH_DOCS_SCREENSHOT === '1') copyFileSync(join(SCREENSHOTS, name), join(process.cwd(), 'docs', name));
}

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Opens the explorer at `query` and waits until the view is drawn. */
async function openExplorer(query: string, origin = base): Promise<Page> {
  const page = await newPage();
  await page.goto(`${origin}/explorer${query}`);
  await waitForView(page);
  return page;
}

const waitForView = (page: Page) => expect.poll(() => page.locator('#status').textContent(), { timeout: 30_000 }).toMatch(/^\d+ nodes/);

/** Runs `fn` with the page's cytoscape instance. */
const onCy = <T, A = undefined>(page: Page, fn: (cy: any, arg: A) => T, arg?: A): Promise<T> =>
  page.evaluate(
    ([source, a]) => new Function('cy', 'arg', `return (${source})(cy, arg)`)((globalThis as any).cy, a),
    [fn.toString(), arg] as const,
  ) as Promise<T>;

const visibleIds = (page: Page) => onCy(page, (cy) => cy.nodes(':visible').map((n: any) => n.id()).sort() as string[]);
const allIds = (page: Page) => onCy(page, (cy) => cy.nodes().map((n: any) => n.id()).sort() as string[]);
const query = (page: Page) => new URL(page.url()).searchParams;

/** Clicks a node where it is drawn, as a user would. */
async function clickNode(page: Page, id: string): Promise<void> {
  const pointOf = () =>
    onCy(
      page,
      (cy, nodeId) => {
        const position = cy.getElementById(nodeId).renderedPosition();
        const box = cy.container().getBoundingClientRect();
        return { x: box.left + position.x, y: box.top + position.y };
      },
      id,
    );
  // Click where the node rests: a layout or a fit still under way would move it under the pointer.
  let point = await pointOf();
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(100);
    const next = await pointOf();
    if (Math.abs(next.x - point.x) < 0.5 && Math.abs(next.y - point.y) < 0.5) break;
    point = next;
  }
  await page.mouse.click(point.x, point.y);
}

async function api<T = any>(gql: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await graph.execute(gql, variables);
  expect(errors).toBeUndefined();
  return data as T;
}

describe('explorer', () => {
  it('finds the Sino-German park, draws its neighbourhood, expands a node and shows the sources of nodes and edges', async () => {
    const page = await newPage();
    await page.goto(`${base}/explorer`);
    await page.fill('#search', 'Sino-German');
    await page.press('#search', 'Enter');
    await page.locator('#results button[data-id="sino-german-park-shenyang"]').click();
    await waitForView(page);
    const before = await allIds(page);
    expect(before).toEqual(['liaoning', 'sino-german-park-geothermal-heating', 'sino-german-park-shenyang', 'sino-german-park-zero-carbon-2027']);
    expect(query(page).get('id')).toBe('sino-german-park-shenyang');
    await expect.poll(() => page.locator('#details').textContent()).toContain('Sources');

    await clickNode(page, 'sino-german-park-geothermal-heating');
    await expect.poll(() => allIds(page), { timeout: 15_000 }).toContain('bmw-brilliance');
    expect((await allIds(page)).length).toBeGreaterThan(before.length);
    expect(query(page).get('expand')).toBe('sino-german-park-geothermal-heating');
    expect(query(page).get('selected')).toBe('sino-german-park-geothermal-heating');

    const details = page.locator('#details');
    await expect.poll(() => details.textContent()).toContain('Geothermal clean-energy heating');
    expect(await details.textContent()).toContain('Kohlenstofffreie Industrieparks in China');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^\d+ nodes/);
    await screenshot(page, 'explorer.png');

    // An edge is a fact too: clicking it lists the sources of that relationship.
    const edgePoint = await onCy(
      page,
      (cy, id) => {
        const position = cy.getElementById(id).renderedMidpoint();
        const box = cy.container().getBoundingClientRect();
        return { x: box.left + position.x, y: box.top + position.y };
      },
      'bmw-brilliance-PARTICIPATES_IN-sino-german-park-geothermal-heating',
    );
    await page.mouse.click(edgePoint.x, edgePoint.y);
    await expect.poll(() => details.textContent()).toContain('Sources of this fact');
    expect(await details.textContent()).toContain('PARTICIPATES_IN');
    expect(await details.textContent()).toContain('Kohlenstofffreie Industrieparks in China');
    await page.close();
  });

  it("shows, in a source's panel, what it states and its words for each fact", async () => {
    const id = 'report-zero-carbon-parks-de';
    const { source } = await api(`query($id: ID!) { source(id: $id) { facts(first: 20) { totalCount nodes { quote } } } }`, { id });
    const quotes = (source.facts.nodes as { quote: string | null }[]).map((f) => f.quote).filter((q): q is string => q !== null);
    expect(quotes.length).toBeGreaterThan(0);
    const page = await openExplorer(`?id=${id}`);
    const details = page.locator('#details');
    await expect.poll(() => details.textContent(), { timeout: 15_000 }).toContain('What it states');
    const shown = await page.locator('#details .facts blockquote').allTextContents();
    expect(shown).toEqual(quotes);
    expect(await page.locator('#details .facts > li').count()).toBe(Math.min(20, source.facts.totalCount));
    await page.close();
  });

  it('filters by node type and relationship type, and the link keeps the filters', async () => {
    const page = await openExplorer('?id=sino-german-park-shenyang&depth=2');
    const all = await allIds(page);
    expect(all).toEqual(expect.arrayContaining(['bmw-brilliance', 'sino-german-park-zero-carbon-2027', 'liaoning']));

    await page.locator('#type-filters input[value="Pledge"]').uncheck();
    const withoutPledges = await visibleIds(page);
    expect(withoutPledges).not.toContain('sino-german-park-zero-carbon-2027');
    expect(withoutPledges).toEqual(all.filter((id) => id !== 'sino-german-park-zero-carbon-2027'));
    expect(query(page).get('hide')).toBe('Pledge');

    const locatedIn = () => onCy(page, (cy) => cy.edges('[type = "LOCATED_IN"]').filter((e: any) => e.visible()).length as number);
    expect(await locatedIn()).toBeGreaterThan(0);
    await page.locator('#relationship-filters input[value="LOCATED_IN"]').uncheck();
    expect(await locatedIn()).toBe(0);
    expect(await visibleIds(page)).toEqual(withoutPledges); // hiding a relationship keeps its nodes
    expect(query(page).get('hideRel')).toBe('LOCATED_IN');
    expect(await page.locator('#type-filters').textContent()).toContain('0/1');

    await page.reload();
    await waitForView(page);
    expect(await visibleIds(page)).toEqual(withoutPledges);
    expect(await locatedIn()).toBe(0);
    expect(await page.locator('#type-filters input[value="Pledge"]').isChecked()).toBe(false);
    expect(await page.locator('#relationship-filters input[value="LOCATED_IN"]').isChecked()).toBe(false);
    await page.close();
  });

  it('filters by year with the sliders: partnerships by start, pledges by target year, undated nodes stay', async () => {
    const page = await openExplorer('?id=CN');
    const { country } = await api<{ country: { pledges: { id: string; targetYear: number }[] } }>('{ country(code: "CN") { pledges { id targetYear } } }');
    expect(country.pledges.map((p) => p.targetYear).sort()).toEqual([2030, 2060]);
    expect(await page.locator('#year-since').getAttribute('min')).toBe('2030');
    expect(await page.locator('#year-until').getAttribute('max')).toBe('2060');
    const before = await visibleIds(page);
    expect(before).toEqual(expect.arrayContaining(['china-co2-peak-2030', 'china-carbon-neutrality-2060', 'hubei']));

    await page.locator('#year-since').fill('2040');
    expect(await visibleIds(page)).toEqual(before.filter((id) => id !== 'china-co2-peak-2030'));
    expect(query(page).get('since')).toBe('2040');
    expect(await page.locator('#year-range').textContent()).toBe('2040 – 2060');

    await page.locator('#year-since').fill('2030');
    await page.locator('#year-until').fill('2050');
    expect(await visibleIds(page)).toEqual(before.filter((id) => id !== 'china-carbon-neutrality-2060'));
    expect(query(page).has('since')).toBe(false);
    expect(query(page).get('until')).toBe('2050');

    // A partnership is dated by its start: 2024-10 for the geothermal heating.
    const park = await openExplorer('?id=sino-german-park-shenyang&until=2023');
    expect(await visibleIds(park)).toEqual(['liaoning', 'sino-german-park-shenyang']);
    await page.close();
    await park.close();
  });

  it('lays out force-directed by default, with concentric rings and a breadth-first tree to choose', async () => {
    const page = await openExplorer('?id=hubei&depth=2');
    expect(await page.locator('#layout').inputValue()).toBe('fcose');
    const geometry = () =>
      onCy(page, (cy) => {
        const root = cy.getElementById('hubei');
        const hop1 = root.neighborhood('node');
        const position = (n: any) => n.position();
        const nodes = cy.nodes().map(position);
        let closest = Infinity;
        for (let i = 0; i < nodes.length; i++)
          for (let j = i + 1; j < nodes.length; j++) closest = Math.min(closest, Math.hypot(nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y));
        const distance = (n: any) => Math.hypot(n.position().x - root.position().x, n.position().y - root.position().y);
        const hop2 = cy.nodes().difference(hop1).difference(root);
        return { closest, distances: hop1.map(distance), hop2Distances: hop2.map(distance), rootY: root.position().y, hop1Y: hop1.map((n: any) => n.position().y), count: hop1.length };
      });
    const force = await geometry();
    expect(force.count).toBeGreaterThan(2);
    expect(force.closest).toBeGreaterThan(20); // nodes are 20 units wide: none covers another
    expect(Math.max(...force.hop2Distances) - Math.min(...force.hop2Distances)).toBeGreaterThan(5); // not rings

    await page.selectOption('#layout', 'concentric');
    await expect.poll(() => query(page).get('layout')).toBe('concentric');
    const rings = await geometry();
    expect(Math.max(...rings.distances) - Math.min(...rings.distances)).toBeLessThan(1); // one ring at one hop…
    expect(Math.max(...rings.hop2Distances) - Math.min(...rings.hop2Distances)).toBeLessThan(1); // …and one at two
    expect(Math.min(...rings.hop2Distances)).toBeGreaterThan(Math.max(...rings.distances));

    await page.selectOption('#layout', 'breadthfirst');
    await expect.poll(() => query(page).get('layout')).toBe('breadthfirst');
    const tree = await geometry();
    expect(new Set(tree.hop1Y.map((y: number) => Math.round(y))).size).toBe(1); // one level at one hop
    expect(tree.hop1Y[0]).toBeGreaterThan(tree.rootY); // below the root
    await page.close();
  });

  it('highlights the shortest path between two picked nodes, and the link keeps it', async () => {
    const page = await openExplorer('?id=sino-german-park-shenyang');
    await page.click('#path-tool');
    expect(await page.locator('#path-tool').getAttribute('aria-pressed')).toBe('true');
    await clickNode(page, 'liaoning');
    await expect.poll(() => page.locator('#status').textContent()).toBe('Path from Liaoning: click the second node.');
    await clickNode(page, 'sino-german-park-zero-carbon-2027');
    await expect.poll(() => query(page).get('path')).toBe('liaoning,sino-german-park-zero-carbon-2027');
    const { shortestPath } = await api<{ shortestPath: { nodes: { id: string }[]; edges: { type: string; from: string; to: string }[] } }>(
      '{ shortestPath(from: "liaoning", to: "sino-german-park-zero-carbon-2027") { nodes { id } edges { type from to } } }',
    );
    const highlighted = () =>
      onCy(page, (cy) => ({
        nodes: cy.nodes('.path').map((n: any) => n.id()).sort() as string[],
        edges: cy.edges('.path').map((e: any) => e.id()).sort() as string[],
        faded: cy.nodes('.faded').map((n: any) => n.id()).sort() as string[],
      }));
    await expect.poll(async () => (await highlighted()).nodes).toEqual(shortestPath.nodes.map((n) => n.id).sort());
    const path = await highlighted();
    expect(path.edges).toEqual(shortestPath.edges.map((e) => `${e.from}-${e.type}-${e.to}`).sort());
    expect(path.faded).toEqual(['sino-german-park-geothermal-heating']);
    expect(await page.locator('#path-result').textContent()).toContain('2 relationships');

    // A path through nodes not drawn yet adds them; a link restores it.
    const linked = await openExplorer('?id=sino-german-park-shenyang&path=liaoning,bmw-group');
    const { shortestPath: far } = await api<{ shortestPath: { nodes: { id: string }[] } }>(
      '{ shortestPath(from: "liaoning", to: "bmw-group") { nodes { id } } }',
    );
    expect(far.nodes.map((n) => n.id)).toContain('bmw-group');
    await expect.poll(async () => (await onCy(linked, (cy) => cy.nodes('.path').map((n: any) => n.id()).sort())) as string[]).toEqual(
      far.nodes.map((n) => n.id).sort(),
    );
    expect(await linked.locator('#path-result').textContent()).toContain(`${far.nodes.length - 1} relationships`);
    await screenshot(linked, 'explorer-path.png');

    await linked.click('#path-clear');
    expect(await onCy(linked, (cy) => cy.elements('.path, .faded').length)).toBe(0);
    expect(query(linked).has('path')).toBe(false);
    await page.close();
    await linked.close();
  });

  it('exports the current view as PNG, GraphML and GEXF, with only what is drawn', async () => {
    const page = await openExplorer('?id=sino-german-park-shenyang&depth=2&hide=Pledge');
    const save = async (format: string): Promise<{ name: string; bytes: Buffer }> => {
      const [download] = (await Promise.all([page.waitForEvent('download'), page.click(`#export button[data-format="${format}"]`)])) as [Download, void];
      const path = join(SCREENSHOTS, `export-${download.suggestedFilename()}`);
      await download.saveAs(path);
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const drawn = { nodes: await visibleIds(page), edges: await onCy(page, (cy) => cy.edges(':visible').length as number) };
    expect(drawn.nodes).not.toContain('sino-german-park-zero-carbon-2027');

    const png = await save('png');
    expect(png.name).toBe('greengraph-sino-german-park-shenyang.png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const size = await onCy(page, (cy) => ({ width: cy.width(), height: cy.height() }));
    expect({ width: png.bytes.readUInt32BE(16), height: png.bytes.readUInt32BE(20) }).toEqual({ width: size.width * 2, height: size.height * 2 });

    // Read back by an independent reader (graphology's parsers): the same nodes and edges as drawn.
    const read = (path: string) => {
      const readBack = readGraphFile(path);
      return { nodes: [...readBack.nodes()].sort(), edges: readBack.size, types: [...new Set(readBack.mapNodes((_, a) => a.type as string))].sort() };
    };
    for (const format of ['graphml', 'gexf']) {
      const file = await save(format);
      expect(file.name).toBe(`greengraph-sino-german-park-shenyang.${format}`);
      const readBack = read(join(SCREENSHOTS, `export-${file.name}`));
      expect(readBack.nodes).toEqual(drawn.nodes);
      expect(readBack.edges).toBe(drawn.edges);
      expect(readBack.types).not.toContain('Pledge');
    }
    await page.close();
  });

  it('opens a province by its ISO code and restores a whole view from the link', async () => {
    const page = await openExplorer('?id=CN-HB');
    expect(await onCy(page, (cy) => cy.nodes('.root').map((n: any) => n.id()))).toEqual(['hubei']);
    expect(await allIds(page)).toEqual(expect.arrayContaining(['schneider-electric-hubei-zero-carbon-parks']));
    await expect.poll(() => page.locator('#details h2').textContent()).toContain('Hubei');
    expect(query(page).get('id')).toBe('CN-HB');

    const restored = await openExplorer('?id=CN-HB&depth=2&layout=concentric&hide=Country&selected=schneider-electric');
    expect(await restored.locator('#depth').inputValue()).toBe('2');
    expect(await restored.locator('#layout').inputValue()).toBe('concentric');
    const ids = await allIds(restored);
    expect(ids).toContain('schneider-electric'); // two hops from Hubei
    expect(ids).toContain('CN');
    expect(await visibleIds(restored)).not.toContain('CN');
    expect(await onCy(restored, (cy) => cy.$(':selected').map((n: any) => n.id()))).toEqual(['schneider-electric']);
    await expect.poll(() => restored.locator('#details h2').textContent()).toContain('Schneider Electric');

    const unknown = await newPage();
    await unknown.goto(`${base}/explorer?id=CN-XX`);
    await expect.poll(() => unknown.locator('#status').textContent()).toBe('No entity has the id CN-XX.');
    await page.close();
    await restored.close();
    await unknown.close();
  });

  it('filters by program: only the parks designated under it and their neighbourhood, and the link keeps the filter', async () => {
    const imports = [(await importDataset(graph.db, NATIONAL_LIST_DIR, 'test')).id, (await importDataset(graph.db, GREEN_PARKS_DIR, 'test')).id];
    try {
      const page = await openExplorer('?id=national-zero-carbon-park-list&depth=3');
      const parks = () => onCy(page, (cy) => cy.nodes('[type = "Park"]').filter((n: any) => n.visible()).map((n: any) => n.id()).sort() as string[]);
      expect(await parks()).toHaveLength(19);
      await expect.poll(() => page.locator('#program-filter option').allTextContents()).toEqual([
        'any program or none',
        'MIIT green industrial parks (green manufacturing list)',
        'National zero-carbon park construction list',
      ]);

      await page.locator('#program-filter').selectOption('miit-green-industrial-parks');
      await expect.poll(parks).toEqual(['beijing-jingji-jishu-kaifaqu', 'tianjin-jingji-jishu-kaifaqu']);
      // Their neighbourhood stays (their designations, their provinces); the rest of the list goes.
      expect(await visibleIds(page)).toEqual(expect.arrayContaining(['national-zero-carbon-park-list-beijing-jingji-jishu-kaifaqu', 'beijing', 'tianjin']));
      expect(await visibleIds(page)).not.toContain('hebei');
      expect(query(page).get('program')).toBe('miit-green-industrial-parks');

      await page.reload();
      await waitForView(page);
      expect(await parks()).toEqual(['beijing-jingji-jishu-kaifaqu', 'tianjin-jingji-jishu-kaifaqu']);

      await page.locator('#program-filter').selectOption('');
      await expect.poll(parks).toHaveLength(19);
      expect(query(page).get('program')).toBeNull();
      await page.close();
    } finally {
      for (const id of imports.reverse()) await retractImport(graph.db, id, { by: 'test', reason: 'the explorer test is done with the lists' });
    }
  }, 180_000);

  describe('on a server that needs a key for reads', () => {
    let closed: GreengraphServer;
    let origin: string;
    let key: string;
    beforeAll(async () => {
      const generated = generateKey();
      await graph.db.write(createKeyCypher, { id: generated.id, name: 'explorer test reader', role: 'reader', hash: generated.hash });
      key = generated.key;
      closed = await createServer({ db: graph.db, requireKeyForReads: true, logError: () => undefined });
      origin = `http://127.0.0.1:${await closed.listen(0)}`;
    });
    afterAll(() => closed?.close());

    it('asks for the key, sends it as Authorization, and keeps it for the session like the playground', async () => {
      const page = await newPage();
      const authorizations: (string | undefined)[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql')) authorizations.push(request.headers().authorization);
      });
      await page.goto(`${origin}/explorer?id=hubei`);
      await expect.poll(() => page.locator('#status').textContent()).toContain('needs an API key');
      expect(await allIds(page)).toEqual([]);

      await page.fill('#api-key', key);
      await page.press('#api-key', 'Enter');
      await page.locator('#api-key').blur();
      await waitForView(page);
      expect(await allIds(page)).toContain('hubei');
      expect(authorizations.at(-1)).toBe(`Bearer ${key}`);
      expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('greengraph.apiKey'))).toBe(key);

      // What the playground stored is what the explorer uses: the same key in the same session.
      await page.evaluate(() => (globalThis as any).sessionStorage.setItem('greengraph.apiKey', 'gg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
      await page.reload();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/UNAUTHENTICATED|API key/);
      expect(await page.locator('#api-key').inputValue()).toBe('gg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await page.evaluate((k) => (globalThis as any).sessionStorage.setItem('greengraph.apiKey', k), key);
      await page.reload();
      await waitForView(page);
      expect(authorizations.at(-1)).toBe(`Bearer ${key}`);
      await page.close();
    });
  });

  describe('with 200 nodes drawn', () => {
    beforeAll(async () => {
      await writeSyntheticGraph(graph.db, 300, 42);
    }, 180_000);

    /** The label boxes cytoscape draws, in screen pixels. */
    const drawnLabels = (page: Page) =>
      onCy(page, (cy) => {
        const zoom = cy.zoom();
        const pan = cy.pan();
        return cy.nodes('.labelled').map((n: any) => {
          const box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
          return {
            id: n.id(),
            left: box.x1 * zoom + pan.x,
            right: box.x2 * zoom + pan.x,
            top: box.y1 * zoom + pan.y,
            bottom: box.y2 * zoom + pan.y,
            fontPx: parseFloat(n.style('font-size')) * zoom,
          };
        });
      });
    const overlapping = (labels: { id: string; left: number; right: number; top: number; bottom: number }[]) =>
      labels.flatMap((a, i) =>
        labels.slice(i + 1).filter((b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1).map((b) => `${a.id} × ${b.id}`),
      );

    it('draws only labels that are readable and overlap no other, more when zoomed in, and any on hover', async () => {
      const page = await openExplorer('?id=CN&depth=2');
      expect(await onCy(page, (cy) => cy.nodes(':visible').length)).toBe(200);
      expect(await page.locator('#status').textContent()).toContain('cut at 200 nodes');
      await expect.poll(async () => (await drawnLabels(page)).length).toBeGreaterThan(10);
      // Labels are placed again after every render; judge them once the layout has come to rest.
      await expect.poll(async () => overlapping(await drawnLabels(page))).toEqual([]);
      const atFit = await drawnLabels(page);
      expect(atFit.length).toBeLessThan(200);
      for (const label of atFit) expect(label.fontPx).toBeCloseTo(12, 0);
      await screenshot(page, 'explorer-200.png');

      // Hovering an unlabelled node shows its name.
      const hidden = await onCy(page, (cy) => {
        const node = cy.nodes(':visible').filter((n: any) => !n.hasClass('labelled') && n.degree() === 1)[0];
        const position = node.renderedPosition();
        const box = cy.container().getBoundingClientRect();
        return { id: node.id() as string, x: box.left + position.x, y: box.top + position.y };
      });
      await page.mouse.move(hidden.x, hidden.y);
      await expect.poll(async () => (await drawnLabels(page)).map((l: { id: string }) => l.id)).toContain(hidden.id);
      await expect.poll(async () => overlapping(await drawnLabels(page))).toEqual([]);
      await page.mouse.move(5, 5);

      // Zoomed in, the nodes spread apart: a larger share of those in view gets its label.
      const labelledShare = () =>
        onCy(page, (cy) => {
          const extent = cy.extent();
          const inView = cy.nodes(':visible').filter((n: any) => {
            const p = n.position();
            return p.x > extent.x1 && p.x < extent.x2 && p.y > extent.y1 && p.y < extent.y2;
          });
          return inView.filter('.labelled').length / inView.length;
        });
      const shareAtFit = await labelledShare();
      await onCy(page, (cy, id) => cy.zoom({ level: cy.zoom() * 4, position: cy.getElementById(id).position() }), hidden.id);
      await expect.poll(labelledShare).toBeGreaterThan(shareAtFit * 1.5);
      await expect.poll(async () => overlapping(await drawnLabels(page))).toEqual([]);
      const zoomed = await drawnLabels(page);
      for (const label of zoomed) expect(label.fontPx).toBeCloseTo(12, 0);
      await page.close();
    }, 120_000);
  });

  it('made no request outside the API', () => {
    expect(offsiteRequests).toEqual([]);
  });
});
