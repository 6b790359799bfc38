import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostId, VmId } from '../../../shared/domain/ids';
import type { Plan } from '../../../shared/domain/plan';
import { createEventHub, type EventHub } from '../fleet/event-hub';
import { createEventLog, type EventLog } from '../fleet/event-log';
import { Fleet } from '../fleet/fleet';
import { openInventory, type Inventory } from '../inventory/inventory';
import { createPlanRunner, type StartablePlanRunner } from './create-plan-runner';
import type { FakeWorld } from './fake-ops.test-support';
import type { PlanTiming } from './plan-timing';

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
  fleet: Fleet;
  runner: StartablePlanRunner;
  published: Plan[];
  /** Stop the runner and close the inventory and fleet; keeps the folder (for a restart). */
  stop(): Promise<void>;
  /** The journal as the inventory has it on disk right now. */
  journaled(id: string): Plan | undefined;
}

export async function startHarness(options: {
  world: FakeWorld;
  dataDir?: string;
  timing?: Partial<PlanTiming>;
  /** Attach the hosts only after recover() (to test waiting for them). */
  attachLater?: boolean;
}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'federator-plans-'));
  const inventory = await openInventory({ dataDir, log: () => undefined });
  const hub = createEventHub((error) => {
    throw error;
  });
  const log = createEventLog(hub);
  const fleet = new Fleet(hub, log);
  const published: Plan[] = [];
  hub.on('plans:changed', (plan) => published.push(plan));
  if (!options.attachLater) options.world.attach(fleet);
  const runner = createPlanRunner({
    inventory,
    fleet,
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
    fleet,
    runner,
    published,
    async stop() {
      await runner.stop();
      await fleet.closeAll();
      await inventory.close();
    },
    journaled: (id) => inventory.listPlans().find((p) => p.id === id),
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
