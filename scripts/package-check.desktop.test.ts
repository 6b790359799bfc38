import { readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFuses, expectedFuses } from './fuse-check';
import { asarFiles, packUnpacked, type AsarFile, type UnpackedApp } from './package-check';

/**
 * What the packaged app carries, from electron-builder's own file selection (a real app.asar
 * around a placeholder Electron, as on a connected machine minus the binary).
 */
const repo = resolve(import.meta.dirname, '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

let app: UnpackedApp;
let files: AsarFile[];
let paths: Set<string>;
beforeAll(async () => {
  app = await packUnpacked();
  files = asarFiles(app.asar);
  paths = new Set(files.map((file) => file.path));
}, 180_000);
afterAll(() => app?.remove());

describe('app.asar', () => {
  it('carries only the sql.js build the core loads: its Node entry and the wasm the main bundle reads', () => {
    const sqlJs = readJson<{ exports: { '.': { default: string } } }>(
      join(repo, 'node_modules/sql.js/package.json'),
    );
    const entry = posix.join('/node_modules/sql.js', sqlJs.exports['.'].default);
    const main = readFileSync(join(repo, 'out/main/main.js'), 'utf8');
    const wasms = [...main.matchAll(/"sql\.js\/(dist\/[^"]+\.wasm)"/g)].map(
      (match) => `/node_modules/sql.js/${match[1]!}`,
    );
    expect(wasms).toEqual(['/node_modules/sql.js/dist/sql-wasm.wasm']);
    const shipped = files.filter((file) => file.path.startsWith('/node_modules/sql.js/dist/'));
    expect(shipped.map((file) => file.path).sort()).toEqual([entry, ...wasms].sort());
  });

  it('stays small: 40.5 MB when every sql.js build shipped, about 10 MB without them', () => {
    expect(statSync(app.asar).size).toBeLessThan(15_000_000);
  });

  it('carries every production dependency, the built main, preload and window, and no source maps', () => {
    const pkg = readJson<{ main: string; dependencies: { [name: string]: string } }>(
      join(repo, 'package.json'),
    );
    for (const name of Object.keys(pkg.dependencies)) {
      expect(paths.has(`/node_modules/${name}/package.json`), name).toBe(true);
    }
    expect(paths.has(`/${pkg.main}`)).toBe(true);
    expect(paths.has('/out/preload/preload.cjs')).toBe(true);
    expect(paths.has('/out/renderer/index.html')).toBe(true);
    expect(files.filter((file) => file.path.endsWith('.map'))).toEqual([]);
  });
});

describe('the executable', () => {
  it('has its fuses flipped as electron-builder.yml says, read back by the release check', async () => {
    // The same comparison `npm run check-fuses` makes on a release's binary.
    const expected = expectedFuses(readFileSync(join(repo, 'electron-builder.yml'), 'utf8'));
    expect(expected.size).toBeGreaterThan(0);
    const wire = await getCurrentFuseWire(app.executable);
    expect(compareFuses(expected, wire)).toEqual([]);
  });
});
