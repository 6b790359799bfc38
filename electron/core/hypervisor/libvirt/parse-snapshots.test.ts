import { describe, expect, it } from 'vitest';
import { classifySnapshotRefusal } from './libvirt-snapshots';
import { parseSnapshotNames, parseSnapshotXml, virshQuote } from './parse-snapshots';

const RUNNING = `<domainsnapshot>
  <name>before &quot;upgrade&quot; &amp; more</name>
  <description>a &lt;b&gt; note</description>
  <state>running</state>
  <parent><name>fresh install</name></parent>
  <creationTime>1733450000</creationTime>
  <memory snapshot='internal'/>
  <disks><disk name='vda' snapshot='internal'/></disks>
  <domain type='qemu'><name>web-1</name></domain>
</domainsnapshot>`;

describe('snapshot-dumpxml', () => {
  it('reads name, parent, description, time, state, memory and location', () => {
    expect(parseSnapshotXml(RUNNING)).toEqual({
      name: 'before "upgrade" & more',
      parent: 'fresh install',
      description: 'a <b> note',
      createdAt: 1733450000_000,
      state: 'running',
      memory: true,
      location: 'internal',
    });
  });

  it('a disk-only external snapshot has no memory', () => {
    const xml = `<domainsnapshot><name>d</name><state>disk-snapshot</state><memory snapshot='no'/>
      <disks><disk name='vda' snapshot='external'><source file='/x.d'/></disk></disks></domainsnapshot>`;
    expect(parseSnapshotXml(xml)).toMatchObject({
      memory: false,
      location: 'external',
      state: 'disk-snapshot',
    });
  });

  it('hostile input: an unknown state is other, a silly time is unknown, no parent is a root', () => {
    const xml = `<domainsnapshot><name>x</name><state>exploded</state><creationTime>-5e300</creationTime></domainsnapshot>`;
    const parsed = parseSnapshotXml(xml);
    expect(parsed).toEqual({ name: 'x', state: 'other', memory: false, location: 'internal' });
  });

  it('hostile input: no name, not a snapshot, broken or too deep XML are refused, naming the command', () => {
    expect(() =>
      parseSnapshotXml('<domainsnapshot><state>running</state></domainsnapshot>'),
    ).toThrow(/snapshot-dumpxml.*no <name>/);
    expect(() => parseSnapshotXml('<domain><name>x</name></domain>')).toThrow(
      /no <domainsnapshot>/,
    );
    expect(() => parseSnapshotXml('<domainsnapshot><name>x</na')).toThrow(/malformed XML/);
    expect(() => parseSnapshotXml('<a>'.repeat(200) + '</a>'.repeat(200))).toThrow(
      /Unexpected output/,
    );
  });

  it('an entity is not expanded', () => {
    const xml = `<!DOCTYPE d [<!ENTITY e "boom">]><domainsnapshot><name>&e;</name><state>running</state></domainsnapshot>`;
    expect(parseSnapshotXml(xml).name).toBe('&e;');
  });
});

describe('snapshot-list --name', () => {
  it('keeps names exactly (spaces, quotes), dropping only empty lines', () => {
    expect(parseSnapshotNames(" a b \nit's\n\n")).toEqual([' a b ', "it's"]);
    expect(parseSnapshotNames('')).toEqual([]);
  });
});

describe('virsh quoting', () => {
  it('single-quotes, closing and escaping a quote inside', () => {
    expect(virshQuote("it's; $(id)")).toBe(`'it'\\''s; $(id)'`);
  });
});

describe("libvirt's refusals as data", () => {
  it('raw disk, name taken, VM or snapshot not found, external revert', () => {
    expect(
      classifySnapshotRefusal(
        'unsupported configuration: internal snapshot for disk vda unsupported for storage type raw',
      ),
    ).toEqual({ code: 'raw-disk', disk: 'vda', format: 'raw' });
    expect(
      classifySnapshotRefusal('operation failed: domain moment twice already exists', 'twice'),
    ).toEqual({
      code: 'name-taken',
      name: 'twice',
    });
    expect(classifySnapshotRefusal("failed to get domain '6c1b'")).toEqual({
      code: 'vm-not-found',
    });
    expect(
      classifySnapshotRefusal(
        "Domain snapshot not found: no domain snapshot with matching name 'x'",
        'x',
      ),
    ).toEqual({ code: 'snapshot-not-found', name: 'x' });
    expect(
      classifySnapshotRefusal(
        'unsupported configuration: revert to external snapshot not supported yet',
        'x',
        'revert',
      ),
    ).toEqual({ code: 'external-unsupported', action: 'revert' });
    expect(classifySnapshotRefusal('something else')).toBeUndefined();
  });
});
