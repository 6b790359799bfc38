import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { HostId, VmId } from '../../shared/domain/ids';
import type { Plan, PlanStep } from '../../shared/domain/plan';
import { createEventHub, type EventHub } from '../core/events/event-hub';
import { createEventLog, type EventLog } from '../core/events/event-log';
import { HostRegistry } from '../core/hosts/host-registry';
import { openInventory, type Inventory } from '../core/inventory/inventory';
import { createPlanRunner, type StartablePlanRunner } from '../core/plans/create-plan-runner';
import type { FakeWorld } from './fake-ops';
import { step } from '../core/plans/plan-builder';
import type { PlanTiming } from '../core/plans/plan-timing';

export const FAST: PlanTiming = {
  shutdownGraceMs: 60,
  pollMs: 5,
  settleMs: 1000,
  hostWaitMs: 1000,
  stopWaitMs: 2000,
  progressMs: 10,
};

/** A real inventory in a temp folder, a fleet of fake hosts, and a runner over them. */
export interface Harness {
  dataDir: string;
  world: FakeWorld;
  inventory: Inventory;
  hub: EventHub;
  log: EventLog;
  hosts: HostRegistry;
  runner: StartablePlanRunner;
  published: Plan[];
  /** Stop the runner and close the inventory and fleet; keeps the folder (for a restart). */
  stop(): Promise<void>;
  /** The journal as the inventory has it on disk right now. */
  journaled(id: string): Plan | undefined;
}

export interface HarnessOptions {
  world: FakeWorld;
  dataDir?: string;
  timing?: Partial<PlanTiming>;
  /** Attach the hosts only after recover() (to test waiting for them). */
  attachLater?: boolean;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'federator-plans-'));
  const inventory = await openInventory({ dataDir, log: () => undefined });
  const hub = createEventHub((error) => {
    throw error;
  });
  const log = createEventLog(hub);
  const hosts = new HostRegistry(hub, log);
  const published: Plan[] = [];
  hub.on('plans:changed', (plan) => published.push(plan));
  if (!options.attachLater) options.world.attach(hosts);
  const runner = createPlanRunner({
    inventory,
    hosts,
    hub,
    log,
    timing: { ...FAST, ...options.timing },
  });
  await runner.recover();
  return {
    dataDir,
    world: options.world,
    inventory,
    hub,
    log,
    hosts,
    runner,
    published,
    async stop() {
      await runner.stop();
      await hosts.closeAll();
      await inventory.close();
    },
    journaled: (id) => inventory.listPlans().find((p) => p.id === id),
  };
}

/**
 * The harnesses of one test file: after each test every one is stopped, then its folder and any
 * handed to `removeAfter` removed (all stopped first: a restarted console may share a folder).
 */
export function harnessesPerTest(): {
  start(options: HarnessOptions): Promise<Harness>;
  removeAfter(dir: string): void;
} {
  const started: Harness[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) await h.stop();
    for (const dir of dirs.splice(0)) removeDir(dir);
  });
  return {
    async start(options) {
      const h = await startHarness(options);
      started.push(h);
      dirs.push(h.dataDir);
      return h;
    },
    removeAfter: (dir) => void dirs.push(dir),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function guestXml(name: string, uuid?: string): string {
  return `<domain type='qemu'>${uuid === undefined ? '' : `<uuid>${uuid}</uuid>`}<name>${name}</name>
  <metadata><federator:vm xmlns:federator='https://federator.dev/xmlns/vm/1' application='web' service='shop'/></metadata>
  <memory unit='MiB'>64</memory></domain>`;
}

export const hv = (n: number): HostId => `hv${n}` as HostId;
export const vm = (id: string): VmId => id as VmId;
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A `define` of VM `name` (id `vmId`) on fake host hv<host>, with the fake guest's XML. */
export function defineStep(
  host: number,
  name: string,
  vmId: string,
  fields: Partial<PlanStep> = {},
): PlanStep {
  return step('define', {
    label: `Define ${name}`,
    hostId: hv(host),
    vmId: vm(vmId),
    vmName: name,
    xml: guestXml(name),
    ...fields,
  });
}

/** The `start` of the VM that `define` defines, after it and after `others`. */
export function startStep(define: PlanStep, others: readonly string[] = []): PlanStep {
  return step('start', {
    label: `Start ${define.vmName}`,
    hostId: define.hostId,
    vmId: define.vmId,
    vmName: define.vmName,
    after: [define.id, ...others],
  });
}
