import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Three builds into out/: the main process (ESM, as package.json's "type" says), the preload
 * (CommonJS, self-contained: a sandboxed preload cannot load modules) and the window.
 */
export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules (app.asar when packaged): sql.js must find its .wasm
      // beside its own code, and ssh2 has optional native parts that must not be bundled.
      externalizeDeps: true,
      rolldownOptions: { input: { main: resolve(root, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp()],
    build: {
      // electron-vite leaves every build unminified; the window pays for it (parsed at every start,
      // and sent to the web shell's browser). Measured: 1,011 KB → 401 KB of JS (120 KB gzipped).
      // FEDERATOR_NO_MINIFY=1 keeps the names, for a profile (bench/load-profile.ts).
      minify: process.env.FEDERATOR_NO_MINIFY !== '1',
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});

/**
 * `npm run dev` only: Vite injects styles as <style> elements and React's refresh preamble as an
 * inline script, which the window's strict policy blocks (an unstyled, dead window). The dev server
 * gets inline styles and the hash of each inline script it serves; a build keeps index.html as is.
 */
export function devCsp(): Plugin {
  return {
    name: 'federator:dev-csp',
    apply: 'serve',
    transformIndexHtml: { order: 'post', handler: relaxCspForDev },
  };
}

export function relaxCspForDev(html: string): string {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  return html.replace(
    /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/,
    (_, head, policy: string) =>
      `${head}${policy
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("script-src 'self'", ["script-src 'self'", ...hashes].join(' '))}"`,
  );
}
