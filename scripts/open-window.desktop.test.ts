import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` and `npm run dev` as a user types them, up to the moment Electron would start: a
 * stand-in executable (electron-vite honours ELECTRON_EXEC_PATH) records what it was asked to run,
 * and the test checks that the entry it was given leads to a main bundle, preload and window that
 * exist. The real binary cannot be downloaded on CI; this keeps the path to it from rotting.
 */
const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'federator-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Record {
  argv: string[];
  cwd: string;
  rendererUrl: string | null;
  page: { status: number; body: string } | null;
}

// CommonJS (no package.json in its folder says otherwise); in dev it also loads the page it was
// given, as the window would.
const standIn = `#!/usr/bin/env node
const fs = require('node:fs');
const record = { argv: process.argv.slice(2), cwd: process.cwd(), rendererUrl: process.env.ELECTRON_RENDERER_URL ?? null, page: null };
const save = () => fs.writeFileSync(process.env.FEDERATOR_STAND_IN_RECORD, JSON.stringify(record));
if (!record.rendererUrl) save();
else fetch(record.rendererUrl).then(async (r) => { record.page = { status: r.status, body: await r.text() }; save(); }, (e) => { record.page = { status: 0, body: String(e) }; save(); });
`;

function launch(
  script: 'start' | 'dev',
): Promise<{ code: number | null; output: string; record: Record }> {
  const executable = join(work, `electron-${script}`);
  const recordFile = join(work, `${script}.json`);
  writeFileSync(executable, standIn);
  chmodSync(executable, 0o755);
  return new Promise((done, fail) => {
    const child = spawn('npm', script === 'start' ? ['start'] : ['run', 'dev'], {
      cwd: repo,
      env: {
        ...process.env,
        ELECTRON_EXEC_PATH: executable,
        FEDERATOR_STAND_IN_RECORD: recordFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (!existsSync(recordFile)) return fail(new Error(`the stand-in never ran:\n${output}`));
      done({ code, output, record: JSON.parse(readFileSync(recordFile, 'utf8')) as Record });
    });
  });
}

/** The main bundle's own relative imports and the preload and window folders main.ts names. */
function checkMainBundle(mainFile: string): void {
  const code = readFileSync(mainFile, 'utf8');
  const here = dirname(mainFile);
  const relative = [...code.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  for (const path of relative) expect(existsSync(resolve(here, path)), path).toBe(true);
  expect(code).toContain('"../preload/preload.cjs"');
  expect(existsSync(resolve(here, '../preload/preload.cjs'))).toBe(true);
  expect(code).toContain('"../renderer"');
  const html = readFileSync(resolve(here, '../renderer/index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThanOrEqual(2); // the window's script and its styles
  for (const asset of assets)
    expect(existsSync(resolve(here, '../renderer', asset)), asset).toBe(true);
  // A packaged app carries only `dependencies`: a bare import of anything else breaks it there.
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    dependencies: { [name: string]: string };
  };
  const bare = [...code.matchAll(/(?:from |import\()"([^".][^"]*)"/g)].map((m) => m[1]!);
  const foreign = bare.filter(
    (name) =>
      !name.startsWith('node:') && name !== 'electron' && !(packageOf(name) in pkg.dependencies),
  );
  expect(foreign).toEqual([]);
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('npm start with a stand-in Electron', () => {
  it('builds, then asks Electron to run the package, whose main, preload and window exist', async () => {
    const { code, output, record } = await launch('start');
    expect(code, output).toBe(0);
    // Through the launcher that fetches a missing binary, not straight to electron-vite.
    expect(output).toContain(`Electron: ${join(work, 'electron-start')} (ELECTRON_EXEC_PATH)`);
    expect(output).not.toContain('Electron uninstall');
    expect(record.cwd).toBe(repo);
    expect(record.argv[0]).toBe('.'); // the package folder: Electron reads package.json's main
    expect(record.rendererUrl).toBeNull(); // preview loads the built window, not a dev server
    const { main } = JSON.parse(readFileSync(join(record.cwd, 'package.json'), 'utf8')) as {
      main: string;
    };
    const mainFile = resolve(record.cwd, main);
    expect(existsSync(mainFile), mainFile).toBe(true);
    checkMainBundle(mainFile);
  });

  it('npm run dev hands Electron a dev server that serves the window', async () => {
    const { code, output, record } = await launch('dev');
    expect(code, output).toBe(0);
    expect(output).toContain(`Electron: ${join(work, 'electron-dev')} (ELECTRON_EXEC_PATH)`);
    expect(record.argv[0]).toBe('.');
    expect(record.rendererUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+\/?$/);
    expect(record.page?.status).toBe(200);
    expect(record.page?.body).toContain('<div id="root"></div>');
    expect(record.page?.body).toContain('<title>Federator</title>');
  });
});
