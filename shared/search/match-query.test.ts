import { describe, expect, it } from 'vitest';
import type { Host, HostState } from '../domain/host';
import { ApplicationId, HostId, ServiceId, VmId } from '../domain/ids';
import type { ServiceCatalog } from '../domain/application';
import type { Vm, VmState } from '../domain/vm';
import { searchProblemWords } from '../words/search-words';
import { matchQuery } from './match-query';
import { parseQuery } from './parse-query';
import { buildSearchIndex } from './search-index';

function host(name: string, labels: Record<string, string>, state: HostState = 'connected'): Host {
  const id = HostId.parse(name);
  const config = { id, name, address: `${name}.example.net`, port: 22, user: 'u', uri: 'x' };
  return { config: { ...config, labels, driver: 'libvirt' }, state };
}

function vm(hostId: string, name: string, state: VmState = 'running', tags: Partial<Vm> = {}): Vm {
  const id = VmId.parse(`uuid-${name}`);
  const base = { id, hostId: HostId.parse(hostId), name, state, vcpus: 1, memoryMiB: 512 };
  return { ...base, persistent: true, ...tags };
}

const shopId = ServiceId.parse('svc-1');
const webId = ApplicationId.parse('app-web');
const catalog: ServiceCatalog = {
  services: [
    {
      service: {
        id: shopId,
        name: 'demo-shop',
        applications: [webId],
        dependsOn: {},
        policy: 'spread',
        health: { kind: 'all-up' },
      },
      applications: [
        {
          id: webId,
          name: 'web',
          service: shopId,
          vcpus: 1,
          memoryMiB: 512,
          replicas: 2,
          template: { kind: 'test-guest' },
        },
      ],
    },
  ],
};

const fleet = {
  hosts: [
    host('hv01', { zone: 'zone-a', rack: 'r1' }),
    host('hv02', { zone: 'zone-a', rack: 'r10' }),
    host('hv03', { zone: 'zone-b', rack: 'r1' }, 'unreachable'),
  ],
  vms: [
    vm('hv01', 'worker-1'),
    vm('hv01', 'web-1', 'running', { service: shopId, application: webId }),
    vm('hv02', 'worker-12', 'crashed'),
    vm('hv03', 'db-1', 'shutoff'),
    vm('hv03', 'worker-2'),
  ],
};
const index = buildSearchIndex(fleet, catalog);
const find = (query: string) => matchQuery(index, parseQuery(query));
const names = (query: string) => {
  const m = find(query);
  return {
    hosts: m.hosts.map((h) => h.name),
    vms: m.vms.map((v) => v.name),
    services: m.services.map((s) => s.name),
    apps: m.apps.map((a) => a.name),
    shown: [...m.shownHostIds].sort(),
  };
};

describe('matchQuery', () => {
  it('finds VMs by a plain word and shows the hosts that run them ("worker" used to find no host)', () => {
    expect(names('worker')).toEqual({
      hosts: [],
      vms: ['worker-1', 'worker-12', 'worker-2'],
      services: [],
      apps: [],
      shown: ['hv01', 'hv02', 'hv03'],
    });
  });

  it('puts an exact name first, then names that start with the word', () => {
    expect(names('worker-1').vms).toEqual(['worker-1', 'worker-12']);
    expect(names('1').vms).toEqual(['worker-1', 'web-1', 'worker-12', 'db-1']);
  });

  it('matches a label value as a whole word: zone=a finds zone-a, rack=r1 not r10, r1* both', () => {
    expect(names('zone=a').hosts).toEqual(['hv01', 'hv02']);
    expect(names('rack=r1').hosts).toEqual(['hv01', 'hv03']);
    expect(names('rack=r1*').hosts).toEqual(['hv01', 'hv02', 'hv03']);
    expect(names('zone=a').vms).toEqual([]);
  });

  it('lists for a table of VMs those every term holds of, on the VM or on its host', () => {
    const listed = (query: string) => {
      const m = find(query);
      return fleet.vms.filter((v) => m.listedVmIds.has(v.id)).map((v) => v.name);
    };
    expect(listed('worker')).toEqual(['worker-1', 'worker-12', 'worker-2']);
    // No term names a VM: the VMs of the hosts found, though none is "found" itself.
    expect(listed('zone=a')).toEqual(
      fleet.vms.filter((v) => v.hostId !== 'hv03').map((v) => v.name),
    );
    expect(listed('zone=a worker')).toEqual(['worker-1', 'worker-12']);
  });

  it('combines terms: crashed VMs in zone a, running workers not on hv01', () => {
    expect(names('zone=a state=crashed')).toMatchObject({ vms: ['worker-12'], shown: ['hv02'] });
    expect(names('worker state=running -hv01')).toMatchObject({ vms: ['worker-2'] });
    expect(names('state!=running').vms).toEqual(['worker-12', 'db-1']);
  });

  it('finds a state of hosts and of VMs alike', () => {
    expect(names('state=unreachable')).toMatchObject({ hosts: ['hv03'], vms: [] });
    expect(names('state=shutoff')).toMatchObject({ hosts: [], vms: ['db-1'], shown: ['hv03'] });
  });

  it('finds services and applications by name, and the VMs they tag', () => {
    expect(names('service=shop')).toEqual({
      hosts: [],
      vms: ['web-1'],
      services: ['demo-shop'],
      apps: ['web'],
      shown: ['hv01'],
    });
    expect(names('app=web')).toMatchObject({ services: [], apps: ['web'], vms: ['web-1'] });
    expect(names('shop')).toMatchObject({ services: ['demo-shop'], vms: ['web-1'] });
  });

  it('finds hosts by name, address and host=', () => {
    expect(names('hv02')).toMatchObject({ hosts: ['hv02'], vms: [] });
    expect(names('example.net').hosts).toEqual(['hv01', 'hv02', 'hv03']);
    expect(names('host=hv03 worker')).toMatchObject({ vms: ['worker-2'], shown: ['hv03'] });
  });

  it('says an unknown key or state in words and finds nothing for it', () => {
    const m = find('zonee=a');
    expect(m.active).toBe(true);
    expect(m.shownHostIds.size).toBe(0);
    expect(m.problems.map(searchProblemWords)).toEqual([
      'No host has a label "zonee": keys are host, vm, service, app, state, rack, zone.',
    ]);
    const s = find('state=crashd');
    expect(s.vms).toEqual([]);
    expect(searchProblemWords(s.problems[0] ?? { code: 'unclosed-quote' })).toMatch(
      /^"crashd" is not a state: states are connecting, connected, .*, …\.$/,
    );
    expect(find('zonee!=a').shownHostIds.size).toBe(0);
  });

  it('is inactive (views show everything) when nothing reads, and keeps the problems', () => {
    const m = find('zone= =a');
    expect(m.active).toBe(false);
    expect(m.problems).toHaveLength(2);
  });

  it('takes regular-expression characters in a value literally', () => {
    const odd = buildSearchIndex({ hosts: [host('a(1', { note: 'x.*' })], vms: [] }, undefined);
    expect(matchQuery(odd, parseQuery('note=x.*')).hosts).toHaveLength(1);
    expect(matchQuery(odd, parseQuery('note=xy')).hosts).toHaveLength(0);
    expect(matchQuery(odd, parseQuery('a(1')).hosts).toHaveLength(1);
  });
});
