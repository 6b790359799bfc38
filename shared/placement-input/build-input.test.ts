import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { createWhatIfSession, whatIfVerdict } from '../placement/index';
import { host, vm } from '../testing/service-fixtures';
import { buildPlacementInput } from './build-input';

// The overcommit ratios reach the engine from the settings (fleet) and the host's config (its own).

const small = host('small', { cores: 2, memoryMiB: 4096 });
const other = host('other', { cores: 2, memoryMiB: 4096 });
const busy = vm('busy', small, { vcpus: 6, memoryMiB: 1024 });
const mover = vm('mover', other, { vcpus: 2, memoryMiB: 1024 });

function verdict(
  overcommit: { cpuOvercommit: number; memoryOvercommit: number },
  target = small,
): string | null {
  const input = buildPlacementInput({
    hosts: [target, other],
    vms: [{ ...busy, hostId: target.config.id }, mover],
    services: [],
    paths: [],
    overcommit,
  });
  return whatIfVerdict(createWhatIfSession(input), mover.id, target.config.id);
}

describe('buildPlacementInput: overcommit from the settings', () => {
  it('passes the fleet ratios as the policy and a host’s own ratios on that host only', () => {
    const own = { ...small, config: { ...small.config, cpuOvercommit: 8, memoryOvercommit: 1.5 } };
    const input = buildPlacementInput({
      hosts: [own, other],
      vms: [],
      services: [],
      paths: [],
      overcommit: { cpuOvercommit: 3, memoryOvercommit: 1.25 },
    });
    expect(input.policy).toMatchObject({ cpuOvercommit: 3, memoryOvercommit: 1.25 });
    expect(input.hosts.find((h) => h.id === own.config.id)).toMatchObject({
      cpuOvercommit: 8,
      memoryOvercommit: 1.5,
    });
    expect(input.hosts.find((h) => h.id === other.config.id)).not.toHaveProperty('cpuOvercommit');
  });

  it('the what-if sees the ratio: 6 + 2 vCPUs fit 2 cores at 4 per core, not at 3', () => {
    expect(verdict(DEFAULT_SETTINGS)).toBeNull();
    expect(verdict({ cpuOvercommit: 3, memoryOvercommit: 1 })).toBe('cpu');
  });

  it("a host's own ratio wins over the fleet's, both ways", () => {
    const generous = { ...small, config: { ...small.config, cpuOvercommit: 4 } };
    expect(verdict({ cpuOvercommit: 1, memoryOvercommit: 1 }, generous)).toBeNull();
    const strict = { ...small, config: { ...small.config, cpuOvercommit: 2 } };
    expect(verdict(DEFAULT_SETTINGS, strict)).toBe('cpu');
  });

  it('memory overcommit counts too: 3 GiB more on a 4 GiB host with 1 GiB used fits only above 1', () => {
    const big = { ...mover, memoryMiB: 3584 };
    const input = (memoryOvercommit: number) =>
      buildPlacementInput({
        hosts: [small, other],
        vms: [busy, big],
        services: [],
        paths: [],
        overcommit: { cpuOvercommit: 4, memoryOvercommit },
      });
    expect(whatIfVerdict(createWhatIfSession(input(1)), big.id, small.config.id)).toBe('memory');
    expect(whatIfVerdict(createWhatIfSession(input(1.5)), big.id, small.config.id)).toBeNull();
  });
});
