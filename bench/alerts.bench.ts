/**
 * Alerts (issue 12): what keeping alerts costs. The inventory rewrites its whole file on each save
 * (1,000 hosts in it here, with the rules); the alert book writes its own small file (2,000
 * resolved alerts, the most it keeps). A burst of fired alerts coalesces into one book write. Also:
 * one metric evaluation of a 1,000-host round (20 VMs each) against the default rules.
 * Run by `npm run bench` (or `npx tsx bench/alerts.bench.ts`); figures to read, not a test.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../shared/domain/alert';
import type { HostSample } from '../shared/domain/metrics';
import { host, vm } from '../shared/testing/service-fixtures';
import { AlertBook } from '../electron/core/alerts/alert-book';
import { buildAlertView } from '../electron/core/alerts/alert-view';
import { DEFAULT_ALERT_RULES } from '../electron/core/alerts/default-rules';
import { AlertEvaluator } from '../electron/core/alerts/evaluator';
import { RULES_SETTING } from '../electron/core/alerts/rule-store';
import { createDemoFleet } from '../electron/core/hypervisor/demo/demo-fleet';
import { openInventory } from '../electron/core/inventory/inventory';
import { fmtMs, fmtTiming, time } from './measure';

const log = (line: string): void => console.log(`alerts: ${line}`);

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

function alert(n: number): Alert {
  return {
    id: `alert-${n}`,
    ruleId: 'default-host-cpu',
    ruleName: 'Host CPU high',
    severity: 'warning',
    object: { kind: 'host', id: `host-${n}`, name: `hv${n}`, hostId: `host-${n}` },
    status: 'firing',
    firedAt: n,
    value: 93.4,
    threshold: 90,
    why: {
      code: 'metric',
      metric: 'host-cpu',
      op: 'above',
      value: 93.4,
      threshold: 90,
      forSeconds: 300,
    },
  };
}

async function saves(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'federator-bench-alerts-'));
  const inventory = await openInventory({ dataDir: dir, log: () => undefined });
  const hosts = createDemoFleet({ hosts: 1000, vmsPerHost: 0, seed: 1 }).map((s) => s.config);
  await Promise.all(hosts.map((config) => inventory.addHost(config)));
  const inv = await median(10, () => inventory.setSetting(RULES_SETTING, DEFAULT_ALERT_RULES));
  await inventory.close();
  const invSize = statSync(join(dir, 'inventory.db')).size;

  const file = join(dir, 'alerts.json');
  const book = new AlertBook({ file });
  for (let n = 0; n < 2000; n++) {
    book.fire(`k${n}`, alert(n));
    book.resolve(`k${n}`, n + 1);
  }
  await book.idle();
  let k = 2000;
  const one = await median(10, async () => {
    book.fire(`k${k}`, alert(k));
    k += 1;
    await book.idle();
  });
  const burst = await median(5, async () => {
    for (let i = 0; i < 100; i++, k++) book.fire(`k${k}`, alert(k));
    await book.idle();
  });
  const bookSize = statSync(file).size;
  log(
    `inventory save (whole file, ${(invSize / 1024).toFixed(0)} KiB at 1,000 hosts) ${fmtMs(inv)} median wall; alert book write (${(bookSize / 1024).toFixed(0)} KiB, 2,000 resolved + open) ${fmtMs(one)} per change, ${fmtMs(burst)} for a burst of 100 fired alerts (coalesced)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

function evaluation(): void {
  const hosts = Array.from({ length: 1000 }, (_, i) => host(`hv${i}`));
  const vms = hosts.flatMap((h, i) => Array.from({ length: 20 }, (_, j) => vm(`vm${i}-${j}`, h)));
  const view = buildAlertView({ hosts, vms, services: [], paths: [] });
  const samples: HostSample[] = hosts.map((h, i) => ({
    hostId: h.config.id,
    at: 0,
    host: { cpu: 50, memory: 4000, memoryTotalMiB: 8192, rootDisk: 40 },
    vms: vms.slice(i * 20, i * 20 + 20).map((v) => ({ vmId: v.id, cpu: 30, memory: 32 })),
  }));
  const evaluator = new AlertEvaluator(new AlertBook(), () => 'x');
  let at = 0;
  const t = time(() => {
    at += 10_000;
    for (const s of samples) evaluator.sample(DEFAULT_ALERT_RULES, { ...s, at }, view);
  }, 10);
  log(
    `metric rules over one 1,000-host × 20-VM round (${DEFAULT_ALERT_RULES.length} default rules): ${fmtTiming(t)}`,
  );
}

export async function run(): Promise<void> {
  await saves();
  evaluation();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
