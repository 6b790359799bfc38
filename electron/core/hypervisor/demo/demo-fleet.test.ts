import { describe, expect, it } from 'vitest';
import { HostConfig, HostFacts } from '../../../../shared/domain/host';
import { Vm } from '../../../../shared/domain/vm';
import { createDemoFleet, DEFAULT_DEMO_FLEET } from './demo-fleet';

describe('demo fleet', () => {
  it('is a small living estate: 4 hosts in 2 zones, a dozen VMs, one host in trouble', () => {
    const fleet = createDemoFleet(DEFAULT_DEMO_FLEET);
    expect(fleet).toHaveLength(4);
    expect(new Set(fleet.map((h) => h.config.labels.zone))).toEqual(new Set(['zone-a', 'zone-b']));
    expect(fleet.flatMap((h) => h.vms)).toHaveLength(12);
    expect(fleet.filter((h) => h.facts.virtualLayer.status !== 'ok')).toHaveLength(1);
    expect(fleet.flatMap((h) => h.vms).some((vm) => vm.state === 'crashed')).toBe(true);
    for (const host of fleet) {
      HostConfig.parse(host.config);
      HostFacts.parse(host.facts);
      host.vms.forEach((vm) => Vm.parse(vm));
      expect(host.config.id).toMatch(/^demo-/);
      expect(host.config.name).toMatch(/^demo-/);
      expect(host.config.address).toMatch(/\.demo\.invalid$/);
      expect(host.config.driver).toBe('demo');
    }
  });

  it('is the same fleet for the same seed and another for another seed', () => {
    const options = { hosts: 20, vmsPerHost: 5, seed: 7 };
    expect(createDemoFleet(options)).toEqual(createDemoFleet(options));
    expect(createDemoFleet({ ...options, seed: 8 })).not.toEqual(createDemoFleet(options));
  });

  it('scales to a thousand hosts with unique ids and VMs that fit their hosts', () => {
    const started = performance.now();
    const fleet = createDemoFleet({ hosts: 1000, vmsPerHost: 10, seed: 1 });
    expect(performance.now() - started).toBeLessThan(2000);
    const vms = fleet.flatMap((h) => h.vms);
    expect(new Set(fleet.map((h) => h.config.id)).size).toBe(1000);
    expect(new Set(vms.map((vm) => vm.id)).size).toBe(10_000);
    expect(new Set(vms.map((vm) => vm.name)).size).toBe(10_000);
    expect(fleet[999]?.config.id).toBe('demo-hv1000');
    for (const host of fleet) {
      const memory = host.vms.reduce((sum, vm) => sum + vm.memoryMiB, 0);
      expect(memory).toBeLessThanOrEqual(host.facts.memoryMiB);
    }
  });
});
