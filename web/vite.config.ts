import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));

/**
 * The playground and the explorer, bundled into web/dist, which the API serves
 * at /playground, /explorer and /assets/. Everything the pages need is in the
 * bundle: they make no request outside the API.
 */
export default defineConfig({
  root: web,
  base: '/',
  // The pages bundle the SDK from its source (packages/client/src), so they
  // never depend on a stale packages/client/dist. `greengraph/client` is the
  // SDK's name before it became a package of its own.
  resolve: {
    alias: [{ find: /^(@greengraph|greengraph)\/client$/, replacement: resolve(web, '..', 'packages', 'client', 'src', 'index.ts') }],
  },
  logLevel: 'warn',
  build: {
    outDir: resolve(web, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { playground: resolve(web, 'playground.html'), explorer: resolve(web, 'explorer.html') },
      // GraphiQL's dependencies mark modules "use client" for React Server
      // Components; meaningless in a plain browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
