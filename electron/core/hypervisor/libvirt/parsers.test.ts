import { describe, expect, it } from 'vitest';
import type { VmTags } from '../hypervisor-driver';
import { fixture } from './fixtures';
import { federatorElement } from './libvirt-define';
import { parseDomainList, parseUuidList } from './parse-domain-list';
import { FEDERATOR_VM_NS, parseDomainXml } from './parse-domain-xml';
import { parseDomstats } from './parse-domstats';
import { parseEventLine } from './parse-event';
import { parseVirtFacts } from './parse-virt-facts';
import { libvirtReason, virshBatch } from './virsh-batch';
import { parseErrorOf } from '../../../testing/parse-error-of';

const HOSTILE = `it's a "$(touch federator-pwned)" vm`;

describe('virsh list', () => {
  it('reads every domain with its exact name, hostile ones included', () => {
    const domains = parseDomainList(fixture('list-all-uuid-name.txt'));
    expect(domains).toHaveLength(6);
    expect(domains).toContainEqual({ uuid: 'c2186513-5330-441e-a471-427599972990', name: HOSTILE });
    expect(domains.map((d) => d.name)).toContain('tab\tx;echo hi & | <b>');
    expect(domains.map((d) => d.name)).toContain('sp ace `uname` é');
    expect(parseUuidList(fixture('list-transient.txt'), 'virsh list --transient')).toEqual(
      new Set(['752e2d19-fd66-4e8b-b404-43d91f929807']),
    );
  });

  it('reads an empty host as no domains', () => {
    expect(parseDomainList('\n')).toEqual([]);
    expect(parseDomainList('')).toEqual([]);
  });

  it.each([
    ['a truncated line', '2062b082-20c8-4492-93f0-1d81282d52'],
    ['a line without a name', '2062b082-20c8-4492-93f0-1d81282d5215'],
    ['a table instead', ' Id   Name    State\n------\n 1 web-1 running'],
  ])('refuses %s with a parse-error naming the command', (_, output) => {
    const error = parseErrorOf(() => parseDomainList(output));
    expect(error.code).toBe('parse-error');
    expect(error.message).toContain('virsh list --all --uuid --name');
  });
});

describe('virsh domstats', () => {
  const stats = parseDomstats(fixture('domstats-raw.txt'));

  it('reads state, reason, vCPUs and memory of every domain', () => {
    expect(stats.size).toBe(6);
    expect(stats.get('transient-1')).toEqual({
      state: 'running',
      stateReason: 'booted',
      vcpus: 1,
      memoryKiB: 65536,
    });
    expect(stats.get('web-1')).toMatchObject({ state: 'paused', stateReason: 'user' });
    expect(stats.get('db-1')).toEqual({ state: 'shutoff', vcpus: 1, memoryKiB: 98304 });
    expect(stats.get(HOSTILE)?.state).toBe('shutoff');
  });

  it('reads a running guest with a memory balloon (libvirt 9 prints balloon.last-update, a dashed key)', () => {
    // As hv2 printed it for a VM the New VM wizard made (libvirt's default <memballoon>).
    const output = [
      "Domain: 'new'",
      '  state.state=1',
      '  state.reason=1',
      '  vcpu.current=1',
      '  vcpu.maximum=1',
      '  balloon.current=65536',
      '  balloon.maximum=65536',
      '  balloon.last-update=0',
      '  balloon.rss=41788',
    ].join('\n');
    expect(parseDomstats(output).get('new')).toEqual({
      state: 'running',
      stateReason: 'booted',
      vcpus: 1,
      memoryKiB: 65536,
    });
  });

  it.each([
    ['a truncated header', "Domain: 'web-1"],
    ['a field before any header', '  state.state=1'],
    ['an unknown state', "Domain: 'a'\n  state.state=42"],
    ['no state at all', "Domain: 'a'\n  vcpu.current=1"],
    ['garbage', 'error: something else'],
  ])('refuses %s', (_, output) => {
    expect(parseErrorOf(() => parseDomstats(output)).code).toBe('parse-error');
  });
});

describe('virsh dumpxml', () => {
  it('reads the Federator tags by namespace, whatever the prefix', () => {
    expect(parseDomainXml(fixture('dumpxml-tagged.xml'))).toEqual({
      uuid: '2062b082-20c8-4492-93f0-1d81282d5215',
      name: 'web-1',
      vcpus: 1,
      memoryKiB: 65536,
      application: 'web',
      service: 'shop',
    });
    const other = fixture('dumpxml-tagged.xml')
      .replace('xmlns:federator', 'xmlns:f')
      .replace('<federator:vm', '<f:vm')
      .replace('application="web"', 'application="a&amp;b"');
    expect(parseDomainXml(other)).toMatchObject({ application: 'a&b', service: 'shop' });
    const foreign = fixture('dumpxml-tagged.xml').replace(FEDERATOR_VM_NS, 'urn:someone-else');
    expect(parseDomainXml(foreign)).not.toHaveProperty('application');
  });

  it('tags written by virsh metadata --set read back unchanged, however hostile', () => {
    const tags = { application: `a" b='<c>' & ${HOSTILE}`, service: "it's" } as VmTags;
    // libvirt stores the element under our namespace with its own prefix, as dumpxml then shows it.
    const stored = federatorElement(tags).replace('<vm ', `<f:vm xmlns:f="${FEDERATOR_VM_NS}" `);
    const xml = `<domain><name>x</name><uuid>00000000-0000-4000-8000-000000000001</uuid><vcpu>1</vcpu><memory>1024</memory><metadata>${stored}</metadata></domain>`;
    expect(parseDomainXml(xml)).toMatchObject(tags);
  });

  it('decodes an escaped name and reads untagged domains', () => {
    expect(parseDomainXml(fixture('dumpxml-hostile-name.xml')).name).toBe(HOSTILE);
    expect(parseDomainXml(fixture('dumpxml-untagged.xml'))).toMatchObject({
      name: 'db-1',
      memoryKiB: 98304,
    });
  });

  it('refuses truncated, empty or entity-laden XML as a parse-error', () => {
    const xml = fixture('dumpxml-tagged.xml');
    expect(parseErrorOf(() => parseDomainXml(xml.slice(0, 400))).code).toBe('parse-error');
    expect(parseErrorOf(() => parseDomainXml('')).code).toBe('parse-error');
    expect(parseErrorOf(() => parseDomainXml('<domain/>')).code).toBe('parse-error');
    const bomb = '<!DOCTYPE d [<!ENTITY a "aaaaaaaa">]><domain><name>&a;</name></domain>';
    expect(parseErrorOf(() => parseDomainXml(bomb)).code).toBe('parse-error');
  });
});

describe('virsh event', () => {
  it('reads lifecycle and other events, hostile names included', () => {
    const events = fixture('event-loop.txt').split('\n').map(parseEventLine).filter(Boolean);
    expect(events).toHaveLength(11);
    expect(events).toContainEqual({
      type: 'lifecycle',
      domain: HOSTILE,
      detail: 'Stopped Destroyed',
    });
    expect(events).toContainEqual({
      type: 'metadata-change',
      domain: 'db-1',
      detail: 'type title, uri <null>',
    });
    const stamped = fixture('event-loop-timestamp.txt')
      .split('\n')
      .map(parseEventLine)
      .filter(Boolean);
    expect(stamped[1]).toEqual({ type: 'lifecycle', domain: 'db-1', detail: 'Stopped Destroyed' });
  });

  it('ignores lines that are not events', () => {
    expect(parseEventLine('')).toBeUndefined();
    expect(parseEventLine('events received: 3')).toBeUndefined();
  });
});

describe('virtual layer facts', () => {
  it('reads versions, kind and live migration from real output', () => {
    const facts = parseVirtFacts(
      fixture('version.txt'),
      fixture('uri.txt'),
      fixture('capabilities-qemu-session.xml'),
    );
    expect(facts).toEqual({
      uri: 'qemu:///session',
      kind: 'qemu',
      libvirtVersion: '9.0.0',
      hypervisorVersion: 'QEMU 7.2.22',
      liveMigration: true,
    });
  });

  it('prefers kvm when the host offers it, and refuses garbage', () => {
    const kvm = fixture('capabilities-qemu-session.xml').replace(
      "<domain type='qemu'/>",
      "<domain type='kvm'/>",
    );
    expect(parseVirtFacts(fixture('version.txt'), 'qemu:///system', kvm).kind).toBe('kvm');
    expect(parseErrorOf(() => parseVirtFacts('', 'qemu:///system', kvm)).code).toBe('parse-error');
    expect(parseErrorOf(() => parseVirtFacts(fixture('version.txt'), '', kvm)).code).toBe(
      'parse-error',
    );
    expect(
      parseErrorOf(() => parseVirtFacts(fixture('version.txt'), 'qemu:///system', '<capa')).code,
    ).toBe('parse-error');
  });
});

describe('virsh batches and errors', () => {
  it('splits sections at its own separator only, empty sections included', () => {
    const batch = virshBatch(['a', 'b', 'c'], 'test');
    const sep = batch.script.split('; ')[1]!.slice('echo '.length);
    expect(batch.split(`one\n${sep}\n${sep}\n@@federator-forged@@\n`)).toEqual([
      'one',
      '',
      '@@federator-forged@@\n',
    ]);
    expect(parseErrorOf(() => batch.split('one\n')).code).toBe('parse-error');
  });

  it("keeps libvirt's reason and drops virsh's preamble", () => {
    expect(libvirtReason(fixture('start-active.stderr.txt'))).toBe(
      'Requested operation is not valid: domain is already active',
    );
    expect(libvirtReason(fixture('start-missing.stderr.txt'))).toBe(
      "failed to get domain 'nosuch-domain'",
    );
  });
});
