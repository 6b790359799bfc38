import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createCore, type Core } from '../core';

let core: Core | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = dir = undefined;
});

async function start(): Promise<Core> {
  dir = mkdtempSync(join(tmpdir(), 'federator-metrics-handlers-'));
  core = createCore({ dataDir: dir, demo: { connectDelayMs: 1, tickMs: 60_000 } });
  await core.start();
  return core;
}

describe('metrics:prometheus-test', () => {
  it('refuses a URL with a password without repeating the password (or a token)', async () => {
    const { handlers } = await start();
    const error = await handlers['metrics:prometheus-test']({
      url: 'http://admin:s3cret@prom.example:9090/prom?token=t0ken',
    }).catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      "Couldn't test Prometheus at http://prom.example:9090/prom: Must not carry a user name or password",
    );
  });
});
