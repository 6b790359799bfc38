import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { hv1, hv3, idOf, labCore, labHosts, tempDir, waitPaths } from '../../testing/move-lab';

// Migration paths between the three lab hosts, probed by each source host itself over SSH, as the
// console's link monitor does on its own once the hosts connect.

let dataDir: string;
let core: Core;

beforeAll(async () => {
  dataDir = tempDir();
  core = await labCore(dataDir);
});
afterAll(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('migration paths on the lab', () => {
  it('shows all six ordered pairs ok once the hosts have connected', async () => {
    const started = performance.now();
    const paths = await waitPaths(
      core,
      (list) => list.length === 6 && list.every((l) => l.state !== 'unknown'),
    );
    console.log(
      `migration paths: all 6 pairs probed ${(performance.now() - started).toFixed(0)} ms after the hosts were connected`,
    );
    expect(paths.map((l) => `${l.from}→${l.to}: ${l.state} ${l.message ?? ''}`)).toEqual(
      paths.map((l) => `${l.from}→${l.to}: ok `),
    );
    const ids = await Promise.all(labHosts.map((h) => idOf(core, h)));
    const pairs = new Set(paths.map((l) => `${l.from}→${l.to}`));
    for (const from of ids)
      for (const to of ids) if (from !== to) expect(pairs).toContain(`${from}→${to}`);
  });

  it("a source that lacks the target's host key is a broken pair, with a fix that names known_hosts; fixed, it is ok again", async () => {
    // Injection: hv1's line out of hv3's known_hosts for the length of one check (the lab is
    // shared: restored in `finally`, the same bytes, the file's owner and mode untouched).
    const knownHosts = join(hv3.home, '.ssh/known_hosts');
    const original = readFileSync(knownHosts, 'utf8');
    const without = original
      .split('\n')
      .filter((line) => !line.startsWith(`${hv1.address} `))
      .join('\n');
    expect(without).not.toBe(original);
    const [from, to] = [await idOf(core, hv3), await idOf(core, hv1)];
    let broken;
    try {
      writeFileSync(knownHosts, without);
      broken = (await core.handlers['paths:check']({ hostId: from })).find(
        (l) => l.from === from && l.to === to,
      );
    } finally {
      writeFileSync(knownHosts, original);
    }
    expect(readFileSync(knownHosts, 'utf8')).toBe(original);
    expect(broken).toMatchObject({
      state: 'broken',
      message: "hv3 does not know hv1's host key",
    });
    expect(broken?.fix).toMatch(/known_hosts/);
    expect(broken?.fix).toMatch(/^On hv3, as user hv3, /);
    expect(broken?.detail).toMatch(/Host key verification failed/);
    console.log(`migration paths: broken pair hv3 → hv1: ${broken?.message}; fix: ${broken?.fix}`);
    const log = await core.handlers['log:recent']({ limit: 200 });
    const warnings = log.filter((e) => e.message.startsWith('Migration path hv3 → hv1 is broken'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/Fix: On hv3, as user hv3, .*known_hosts/);

    // Other pairs of hv3 were probed in the same check and stay ok.
    const after = await core.handlers['paths:check']({ hostId: from });
    expect(after.every((l) => l.state === 'ok')).toBe(true);
    const lines = (await core.handlers['log:recent']({ limit: 200 })).map((e) => e.message);
    expect(lines).toContain('Migration path hv3 → hv1 works again');
  });
});
