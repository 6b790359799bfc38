import { describe, expect, it } from 'vitest';
import type { VmSnapshot, VmSnapshotList } from '../../../shared/domain/snapshot';
import { host, vm } from '../../../shared/testing/service-fixtures';
import { planSnapshot } from './plan-snapshot';

const hv1 = host('hv1');
const hv3 = host('hv3', { state: 'unreachable' });
const web1 = vm('web-1', hv1);
const off = vm('off', hv1, { state: 'shutoff' });
const far = vm('far', hv3);
const fleet = { hosts: [hv1, hv3], vms: [web1, off, far] };
const NOW = Date.UTC(2026, 11, 6, 12, 0);
const snap = (name: string, fields: Partial<VmSnapshot> = {}): VmSnapshot => ({
  name,
  createdAt: NOW - 3 * 3_600_000,
  state: 'running',
  memory: true,
  location: 'internal',
  current: false,
  ...fields,
});
const listed = (...snapshots: VmSnapshot[]): VmSnapshotList => ({
  vmId: web1.id,
  hostId: web1.hostId,
  readAt: NOW,
  snapshots,
  truncated: false,
});
const at = { hostId: web1.hostId, vmId: web1.id };

describe('snapshot plans', () => {
  it('take with memory: one step carrying the name, the review says what it keeps and on top of what', () => {
    const plan = planSnapshot(
      { action: 'create', ...at, name: "it's x", description: ' note ', memory: true },
      fleet,
      listed(snap('base', { current: true })),
      NOW,
    );
    expect(plan.kind).toBe('snapshot');
    expect(plan.title).toBe("Take snapshot “it's x” of web-1");
    expect(plan.steps.map((s) => [s.kind, s.snapshot])).toEqual([
      ['snapshot-create', { name: "it's x", memory: true, description: 'note' }],
    ]);
    expect(plan.warnings?.join(' ')).toMatch(
      /disks and memory: reverting to it brings the VM back running/,
    );
    expect(plan.warnings?.join(' ')).toMatch(/on top of the current snapshot “base”/);
  });

  it('a shut-off VM has no memory to keep, whatever was asked', () => {
    const plan = planSnapshot(
      { action: 'create', hostId: off.hostId, vmId: off.id, name: 'n', memory: true },
      fleet,
      listed(),
      NOW,
    );
    expect(plan.steps[0]?.snapshot?.memory).toBe(false);
    expect(plan.warnings?.[0]).toMatch(/off is shut off/);
  });

  it('revert: says what is lost and since when', () => {
    const plan = planSnapshot(
      { action: 'revert', ...at, name: 'base' },
      fleet,
      listed(snap('base')),
      NOW,
    );
    expect(plan.steps.map((s) => s.kind)).toEqual(['snapshot-revert']);
    expect(plan.warnings?.[0]).toMatch(
      /^Reverting loses every change made to web-1 since .* \(3 h ago\)/,
    );
    expect(plan.warnings?.[1]).toMatch(/running as it was then/);
  });

  it('delete with children names them; without, says they stay', () => {
    const list = listed(snap('a'), snap('b', { parent: 'a' }), snap('c', { parent: 'b' }));
    const all = planSnapshot(
      { action: 'delete', ...at, name: 'a', children: true },
      fleet,
      list,
      NOW,
    );
    expect(all.title).toBe('Delete snapshot “a” of web-1 and 2 snapshots below it');
    expect(all.steps[0]?.snapshot).toEqual({ name: 'a', children: true });
    expect(all.warnings?.[1]).toBe('2 snapshots below it go too: “b”, “c”.');
    const one = planSnapshot(
      { action: 'delete', ...at, name: 'a', children: false },
      fleet,
      list,
      NOW,
    );
    expect(one.warnings?.[1]).toMatch(/stay, re-attached/);
  });

  it('refuses in words: a name taken, a snapshot gone, a VM not found, a host not connected', () => {
    expect(() =>
      planSnapshot(
        { action: 'create', ...at, name: 'a', memory: true },
        fleet,
        listed(snap('a')),
        NOW,
      ),
    ).toThrow('web-1 already has a snapshot named “a”: choose another name');
    expect(() =>
      planSnapshot({ action: 'revert', ...at, name: 'zz' }, fleet, listed(), NOW),
    ).toThrow(/has no snapshot named “zz”/);
    expect(() =>
      planSnapshot(
        { action: 'revert', hostId: hv1.config.id, vmId: far.id, name: 'a' },
        fleet,
        listed(),
        NOW,
      ),
    ).toThrow(/the host no longer has VM/);
    expect(() =>
      planSnapshot(
        { action: 'revert', hostId: far.hostId, vmId: far.id, name: 'a' },
        fleet,
        listed(),
        NOW,
      ),
    ).toThrow(/hv3 is unreachable/);
  });
});
