import { describe, expect, it } from 'vitest';
import { compileInput } from './compiled-input';
import { PlacementInputError } from './input-error';
import { parsePlacementInput } from './input-schema';

const ok = { hosts: [{ id: 'a', capacity: { cpu: 4, memoryMiB: 4096 } }], applications: [] };
const problem = (value: unknown): string => {
  try {
    compileInput(parsePlacementInput(value));
  } catch (e) {
    if (e instanceof PlacementInputError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('placement input', () => {
  it('accepts the minimal form and expands the shorthands', () => {
    const input = parsePlacementInput({
      ...ok,
      version: 1,
      applications: [
        {
          id: 'x',
          vcpus: 1,
          memoryMiB: 1,
          spread: 'zone',
          colocate: 'y',
          requiredLabels: { ssd: true },
        },
        { id: 'y', vcpus: 1, memoryMiB: 1, spread: { across: 'host' } },
      ],
    });
    expect(input.applications[0]).toMatchObject({
      spread: { across: 'zone', strength: 'hard' },
      colocate: { with: 'y', strength: 'hard' },
      requiredLabels: { ssd: 'true' },
    });
    expect(input.applications[1]?.spread).toEqual({ across: 'host', strength: 'hard' });
    expect('vms' in input).toBe(false);
  });

  it('names the bad field', () => {
    expect(problem({ ...ok, version: 2 })).toBe('version: must be 1 (the only format version)');
    expect(
      problem({ hosts: [{ id: 'a', capacity: { cpu: 0, memoryMiB: 1 } }], applications: [] }),
    ).toBe('hosts[0].capacity.cpu: must be a number > 0');
    expect(
      problem({ hosts: [{ id: 'a', capacity: { cpu: 1, memoryMib: 1 } }], applications: [] }),
    ).toBe('hosts[0].capacity: unknown field memoryMib (and 1 more problems)');
    expect(problem({ hosts: [] })).toBe('applications: is required (array)');
    expect(
      problem({ ...ok, applications: [{ id: 'x', vcpus: 1, memoryMiB: 1, replicas: 1.5 }] }),
    ).toBe('applications[0].replicas: must be an integer');
    expect(problem({ ...ok, policy: { mode: 'fast' } })).toMatch(/^policy\.mode: /);
  });

  it('names broken references and duplicates', () => {
    const apps = [{ id: 'x', vcpus: 1, memoryMiB: 1 }];
    expect(problem({ ...ok, hosts: [...ok.hosts, ...ok.hosts] })).toBe(
      "hosts[1].id: duplicate id 'a'",
    );
    expect(problem({ ...ok, applications: apps, vms: [{ id: 'v', application: 'nope' }] })).toBe(
      "vms[0].application: unknown application 'nope'",
    );
    expect(
      problem({ ...ok, applications: apps, vms: [{ id: 'v', application: 'x', host: 'b' }] }),
    ).toBe("vms[0].host: unknown host 'b'");
    expect(problem({ ...ok, applications: [{ ...apps[0], colocate: 'x' }] })).toBe(
      'applications[0].colocate.with: cannot co-locate with itself',
    );
    expect(problem({ ...ok, unreachable: [{ from: 'a', to: 'q' }] })).toBe(
      "unreachable[0].to: unknown host 'q'",
    );
  });
});
