import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoOptions } from '../core/hosts/demo-mode';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { until } from './core-waits';

/**
 * A whole core over the demo fleet in its own data folder, for one test at a time: `start` waits
 * until every demo host has connected (or failed to), `stop` stops it and removes the folder.
 */
export function demoCoreFixture(prefix: string) {
  let dataDir: string | undefined;
  let core: Core | undefined;
  return {
    async start(
      demo: DemoOptions & { fleet: { hosts: number } },
      options: Pick<CoreOptions, 'autoRecoveryGraceMs'> = {},
    ): Promise<Core> {
      dataDir = mkdtempSync(join(tmpdir(), prefix));
      const c = createCore({ dataDir, demo, ...options });
      core = c;
      await c.start();
      const hosts = demo.fleet.hosts;
      await until(
        c,
        (s) => s.hosts.length === hosts && s.hosts.every((h) => h.state !== 'connecting'),
      );
      return c;
    },
    async stop(): Promise<void> {
      await core?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      core = undefined;
      dataDir = undefined;
    },
  };
}
