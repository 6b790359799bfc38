import { describe, expect, it } from 'vitest';
import type { HostConfig } from '../../../shared/domain/host';
import type { HostId } from '../../../shared/domain/ids';
import { readAnsibleInventory } from './ansible-import';
import { expandHostRange } from './ansible-model';
import { memoryEnv } from '../../testing/import-fixtures';
import { resolveImport } from './resolve-import';

const env = memoryEnv({});
const INI = `
# lab fleet
bastion ansible_host=10.0.0.1 ansible_user=jump

[rack1]
hv1 ansible_host=10.0.0.11 ansible_port=2222
hv[02:03] ansible_host=10.0.0.99 ansible_ssh_private_key_file="~/.ssh/rack key"

[rack2]
hv4 ansible_host=10.0.1.14 ansible_ssh_common_args='-o ProxyJump=hv1'

[hypervisors:children]
rack1
rack2

[hypervisors:vars]
ansible_user=ops
ansible_ssh_private_key_file=/keys/fleet

[rack1:vars]
ansible_user=rack1ops

[all:vars]
ansible_port=22
`;

const YAML = `
all:
  vars:
    ansible_user: ops
  children:
    rack1:
      hosts:
        hv1: { ansible_host: 10.0.0.11 }
        hv[2:3]:
          ansible_host: 10.0.0.99
      vars:
        ansible_ssh_private_key_file: /keys/rack1
    rack2:
      hosts:
        hv4:
          ansible_host: 10.0.1.14
          ansible_ssh_common_args: -J hv1
        local:
          ansible_connection: local
`;

const row = (h: {
  key: string;
  address: string;
  port: number;
  user: string;
  keyPath?: string;
  labels: Record<string, string>;
  jumpSpec?: string;
}) => [h.key, h.address, h.port, h.user, h.keyPath, h.labels.group, h.jumpSpec];

describe('Ansible inventory import', () => {
  it('INI: groups as labels, host vars over child group vars over parent and all, ranges, quotes', () => {
    const r = readAnsibleInventory(INI, '/etc/ansible/hosts', env);
    expect(r.hosts.map(row)).toEqual([
      ['bastion', '10.0.0.1', 22, 'jump', undefined, undefined, undefined],
      ['hv1', '10.0.0.11', 2222, 'rack1ops', '/keys/fleet', 'rack1', undefined],
      ['hv02', '10.0.0.99', 22, 'rack1ops', '/home/ops/.ssh/rack key', 'rack1', undefined],
      ['hv03', '10.0.0.99', 22, 'rack1ops', '/home/ops/.ssh/rack key', 'rack1', undefined],
      ['hv4', '10.0.1.14', 22, 'ops', '/keys/fleet', 'rack2', 'hv1'],
    ]);
  });

  it('YAML: the same model, -J as the jump host, a non-SSH connection refused with words', () => {
    const r = readAnsibleInventory(YAML, 'inventory.yml', env);
    expect(r.hosts.map(row)).toEqual([
      ['hv1', '10.0.0.11', 22, 'ops', '/keys/rack1', 'rack1', undefined],
      ['hv2', '10.0.0.99', 22, 'ops', '/keys/rack1', 'rack1', undefined],
      ['hv3', '10.0.0.99', 22, 'ops', '/keys/rack1', 'rack1', undefined],
      ['hv4', '10.0.1.14', 22, 'ops', undefined, 'rack2', 'hv1'],
      ['local', 'local', 22, 'ops', undefined, 'rack2', undefined],
    ]);
    expect(r.hosts[4]).toMatchObject({ importable: false });
    expect(r.hosts[4]?.notes).toContain('ansible_connection=local: not an SSH host');
  });

  it('ranges: zero-padded, letters, steps, and a cap', () => {
    expect(expandHostRange('web[08:10].x', 100)).toEqual(['web08.x', 'web09.x', 'web10.x']);
    expect(expandHostRange('db-[a:c]', 100)).toEqual(['db-a', 'db-b', 'db-c']);
    expect(expandHostRange('n[0:10:5]', 100)).toEqual(['n0', 'n5', 'n10']);
    expect(expandHostRange('n[1:99999]', 10)).toHaveLength(11); // one past the cap: the caller notes it
  });

  it('templates are noted, not evaluated; a broken INI line says where', () => {
    const r = readAnsibleInventory(
      "h ansible_host=\"{{ lookup('env','X') }}\"\n",
      'hosts.ini',
      env,
    );
    expect(r.hosts[0]).toMatchObject({ importable: false });
    expect(() => readAnsibleInventory('h ansible_host="unclosed\n', 'hosts.ini', env)).toThrow(
      "Couldn't read hosts.ini line 1 as an Ansible INI inventory",
    );
  });
});

describe('the preview: jump hosts resolved, hosts already in the console recognised', () => {
  const hv1InConsole = {
    id: 'hv1-abc' as HostId,
    name: 'hv1',
    address: '10.0.0.11',
    port: 2222,
    user: 'rack1ops',
    uri: 'qemu:///system',
    labels: {},
    driver: 'libvirt',
  } satisfies HostConfig;

  it('a jump host of the file that is new is referenced by key; one in the console by id', () => {
    const reading = readAnsibleInventory(INI, 'hosts', env);
    const fresh = resolveImport('ansible', reading, []);
    expect(fresh.candidates.find((c) => c.key === 'hv4')?.jump).toEqual({
      name: 'hv1',
      key: 'hv1',
    });
    const known = resolveImport('ansible', reading, [hv1InConsole]);
    const hv1 = known.candidates.find((c) => c.key === 'hv1');
    expect(hv1).toMatchObject({
      existing: { hostId: 'hv1-abc', name: 'hv1' },
      selected: false,
      importable: false,
    });
    expect(hv1?.notes[0]).toBe('Already in the console as hv1');
    expect(known.candidates.find((c) => c.key === 'hv4')?.jump).toEqual({
      name: 'hv1',
      hostId: 'hv1-abc',
    });
  });

  it('chains and unknown jump hosts are not importable, with the reason', () => {
    const reading = readAnsibleInventory(
      "a ansible_ssh_common_args='-J b'\nb ansible_ssh_common_args='-J c'\nc\nd ansible_ssh_common_args='-J x,y'\ne ansible_ssh_common_args='-J nowhere'\n",
      'hosts',
      env,
    );
    const p = resolveImport('ansible', reading, []);
    const notes = Object.fromEntries(
      p.candidates.map((c) => [c.key, [c.importable, c.notes.at(-1)]]),
    );
    expect(notes.a).toEqual([false, 'Its jump host b is itself reached through c: one hop only']);
    expect(notes.b?.[0]).toBe(true);
    expect(notes.d).toEqual([false, 'A chain of jump hosts (x,y) is not supported: one hop only']);
    expect(notes.e).toEqual([
      false,
      'Its jump host nowhere is neither in this file nor in the console: add it first',
    ]);
  });
});
