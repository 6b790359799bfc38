import { describe, expect, it } from 'vitest';
import type { Host } from '../domain/host';
import type { MigrationPath } from '../domain/migration-path';
import { host } from '../testing/service-fixtures';
import { createNamer } from './namer';
import { noPathWords, refusalFix, type RefusalScene } from './refusal-words';

const hv1 = host('hv1');
const hv2 = host('hv2');
const demo: Host = { ...host('demo-1'), config: { ...host('demo-1').config, driver: 'demo' } };
const broken: MigrationPath = {
  from: hv1.config.id,
  to: hv2.config.id,
  state: 'broken',
  message: "hv1 does not know hv2's host key",
  fix: 'Add hv2 to known_hosts on hv1',
};

function scene(paths: MigrationPath[] = []): RefusalScene {
  const hosts = [hv1, hv2, demo];
  return {
    paths: paths,
    hostById: new Map(hosts.map((h) => [h.config.id as string, h])),
    names: createNamer({ hosts, vms: [], services: [] }),
  };
}

const toHv2 = { from: hv1.config.id, to: hv2.config.id };

describe('noPathWords', () => {
  it("carries the probe's words, naming the target only when asked", () => {
    expect(noPathWords(toHv2, scene([broken]), false)).toBe(
      "no migration path from hv1: hv1 does not know hv2's host key",
    );
    expect(noPathWords(toHv2, scene([broken]), true)).toBe(
      "no migration path from hv1 to hv2: hv1 does not know hv2's host key",
    );
  });

  it('says why when the hosts are of different drivers, and nothing more otherwise', () => {
    const toDemo = { from: hv1.config.id, to: demo.config.id };
    expect(noPathWords(toDemo, scene(), false)).toBe(
      'no migration path from hv1 (demo and real hosts never exchange VMs)',
    );
    expect(noPathWords(toHv2, scene(), true)).toBe('no migration path from hv1 to hv2');
  });
});

describe('refusalFix', () => {
  it("names the target, and takes a broken path's fix from the probe", () => {
    expect(refusalFix('maintenance', toHv2, scene())).toBe(
      'Take hv2 out of maintenance, or pick another host.',
    );
    expect(refusalFix('no-path', toHv2, scene([broken]))).toBe('Add hv2 to known_hosts on hv1');
  });

  it("offers a soft spread rule only when asked (a plan's review)", () => {
    expect(refusalFix('spread-host', toHv2, scene())).toBe(
      'Pick a host (or zone) without another VM of the same application.',
    );
    expect(refusalFix('spread-zone', toHv2, scene(), true)).toBe(
      'Pick a host (or zone) without another VM of the same application, or make its spread rule soft.',
    );
  });
});
