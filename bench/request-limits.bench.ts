/**
 * What the largest hostile request a shell accepts (one 1 MiB message) costs the core: how long it
 * holds the event loop (JSON parse, schema check, error) and how big the answer is. The limits in
 * the contract keep both small; before them, 1 MiB of tiny invalid elements blocked for seconds
 * and answered with an error many times its size. Run by `npm run bench`; figures to read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abusiveRequests, measure } from '../electron/testing/abusive-requests';
import { createCore } from '../electron/core/core';
import { createRouter } from '../electron/core/router';
import { fmtMs } from './measure';

const log = (line: string): void => console.log(`request-limits: ${line}`);

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'federator-bench-limits-'));
  const core = createCore({ dataDir, demo: { connectDelayMs: 1, tickMs: 60_000 } });
  await core.start();
  try {
    const router = createRouter(core.handlers);
    for (const request of abusiveRequests()) {
      await measure(router, request); // warm-up: the first call compiles the schemas
      const m = await measure(router, request);
      log(
        `${m.name}: ${(m.requestBytes / 1024).toFixed(0)} KiB in, blocked ${fmtMs(m.blockedMs)} (CPU ${fmtMs(m.cpuMs)}; JSON.parse ${fmtMs(m.parseMs)}), ` +
          `answer ${m.answerBytes} bytes (${(m.answerBytes / m.requestBytes).toFixed(2)}x), ${m.code}`,
      );
    }
  } finally {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await run();
