import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureElectronBinary, isInstalled } from './electron-binary';
import {
  closedPort,
  electronPackageWithoutBinary,
  platformExecutable,
  startMirror,
  storedZip,
} from './electron-binary.test-support';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(): { dir: string; env: NodeJS.ProcessEnv } {
  const pkg = electronPackageWithoutBinary();
  const cache = mkdtempSync(join(tmpdir(), 'federator-electron-cache-'));
  cleanups.push(pkg.remove, () => rmSync(cache, { recursive: true, force: true }));
  // Built from nothing: no npm_config_electron_* from the runner, no cache shared with the user.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: cache,
    electron_config_cache: cache,
  };
  return { dir: pkg.dir, env };
}

function electronVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

describe('ensureElectronBinary', () => {
  it('says in one sentence why when the download cannot reach the mirror, quickly', async () => {
    const { dir, env } = setup();
    const port = await closedPort();
    const started = Date.now();
    const result = await ensureElectronBinary({
      electronDir: dir,
      env: { ...env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/` },
      timeoutMs: 20_000,
    });
    if (result.ok) throw new Error('an unreachable mirror gave a binary');
    const at = `127.0.0.1:${port}`;
    expect(result.sentence).toBe(
      `Federator's window needs the Electron ${electronVersion(dir)} binary and fetching it from ${at} failed (connect ECONNREFUSED ${at}): run the command again once this machine can reach ${at}, or run \`npm run web\` to use the same console in a browser.`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(dir, 'path.txt'))).toBe(false);
  }, 20_000);

  it('stops a download that hangs at the timeout and says so', async () => {
    const { dir, env } = setup();
    const mirror = await startMirror('silent');
    cleanups.push(mirror.close);
    const result = await ensureElectronBinary({
      electronDir: dir,
      env: { ...env, ELECTRON_MIRROR: mirror.url },
      timeoutMs: 5_000, // a child node process on a busy machine needs a moment before it even asks
    });
    expect(mirror.requests.length).toBeGreaterThan(0);
    expect(result.ok ? '' : result.sentence).toMatch(
      /failed \(it did not finish within 5 s\): .*`npm run web`/,
    );
  }, 25_000);

  it("fetches the binary through Electron's own install.js, so that path.txt appears", async () => {
    const { dir, env } = setup();
    const executable = platformExecutable();
    const zip = storedZip({ [executable]: '#!/bin/sh\n', version: electronVersion(dir) });
    const mirror = await startMirror('zip', zip);
    cleanups.push(mirror.close);
    const lines: string[] = [];
    const result = await ensureElectronBinary({
      electronDir: dir,
      env: { ...env, ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' },
      log: (line) => lines.push(line),
    });
    expect(result).toEqual({ ok: true, via: 'fetched' });
    expect(readFileSync(join(dir, 'path.txt'), 'utf8')).toBe(executable);
    expect(existsSync(join(dir, 'dist', executable))).toBe(true);
    expect(mirror.requests.some((path) => path.endsWith('.zip'))).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(/^Fetching the Electron .* from 127\.0\.0\.1:\d+/),
    ]);
  }, 20_000);

  it('fetches nothing under ELECTRON_SKIP_BINARY_DOWNLOAD and says how to go on', async () => {
    const { dir, env } = setup();
    const mirror = await startMirror('silent');
    cleanups.push(mirror.close);
    const result = await ensureElectronBinary({
      electronDir: dir,
      env: { ...env, ELECTRON_MIRROR: mirror.url, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(result.ok ? '' : result.sentence).toMatch(
      /not fetched because ELECTRON_SKIP_BINARY_DOWNLOAD is set: unset it .*`npm run web`.*\.$/,
    );
    expect(mirror.requests).toEqual([]);
  });

  it('leaves an installed binary or an ELECTRON_EXEC_PATH alone, without asking the network', async () => {
    const { dir, env } = setup();
    const mirror = await startMirror('silent');
    cleanups.push(mirror.close);
    const withMirror = { ...env, ELECTRON_MIRROR: mirror.url };
    expect(
      await ensureElectronBinary({
        electronDir: dir,
        env: { ...withMirror, ELECTRON_EXEC_PATH: '/x' },
      }),
    ).toEqual({ ok: true, via: 'exec-path' });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(await ensureElectronBinary({ electronDir: dir, env: withMirror })).toEqual({
      ok: true,
      via: 'installed',
    });
    expect(mirror.requests).toEqual([]);
  });
});

describe('isInstalled', () => {
  it('needs path.txt and the executable it names under dist/', () => {
    const { dir } = setup();
    expect(isInstalled(dir)).toBe(false);
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(isInstalled(dir)).toBe(false); // path.txt left behind by a removed dist/
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(isInstalled(dir)).toBe(true);
  });
});
