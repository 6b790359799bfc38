import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../../../shared/domain/ids';
import { FakeHost } from '../../testing/fake-host';
import { createLibvirtDriver } from '../hypervisor/libvirt/libvirt-driver';
import { DefinitionKeeper, MAX_KEPT_XML_CHARS, openDefinitions } from './definition-keeper';

const hv1 = 'hv1' as HostId;
const hv2 = 'hv2' as HostId;
const vm = (n: number): VmId => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as VmId;
const dirs: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'federator-kept-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('DefinitionKeeper', () => {
  it('keeps the latest XML per VM with its host, on disk (0600), and reads it back', async () => {
    const dir = folder();
    const log: string[] = [];
    const keeper = await openDefinitions(dir, { append: (e) => log.push(e.message) });
    keeper.note(hv1, vm(1), '<domain>a</domain>');
    keeper.note(hv2, vm(1), '<domain>b</domain>'); // migrated: the copy follows it
    await keeper.idle();
    const file = join(dir, 'definitions.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await openDefinitions(dir, { append: (e) => log.push(e.message) });
    expect(again.get(vm(1))).toMatchObject({ hostId: hv2, xml: '<domain>b</domain>' });
    expect(log).toEqual([]);
  });

  it('is bounded: the least recently read go first, and an XML too long is refused', () => {
    const keeper = new DefinitionKeeper({ maxDefinitions: 3, maxTotalChars: 1_000 });
    for (let n = 1; n <= 4; n++) keeper.note(hv1, vm(n), `<domain>${n}</domain>`);
    expect(keeper.size).toBe(3);
    expect(keeper.get(vm(1))).toBeUndefined();
    expect(keeper.note(hv1, vm(5), 'x'.repeat(MAX_KEPT_XML_CHARS + 1))).toBe(false);
    expect(keeper.get(vm(5))).toBeUndefined();
    keeper.note(hv1, vm(6), 'y'.repeat(990)); // over the total: older ones make room
    expect(keeper.get(vm(6))).toBeDefined();
    expect(keeper.size).toBe(1);
  });

  it('in a fleet of more than 5,000 VMs, those of no service and unmarked never push out a service VM or a marked one', () => {
    const NS = 'https://federator.dev/xmlns/vm/1';
    const tagged = (n: number) =>
      `<domain><name>web-${n}</name><metadata><federator:vm xmlns:federator="${NS}" application="web" service="shop"/></metadata></domain>`;
    const plain = (n: number) => `<domain><name>scratch-${n}</name></domain>`;
    const keeper = new DefinitionKeeper({ marked: [vm(50_001)] });
    // Read first (the least recently read): 1,000 service VMs and a marked one of no service.
    for (let n = 1; n <= 1_000; n++) keeper.note(hv1, vm(n), tagged(n));
    keeper.note(hv1, vm(50_001), plain(50_001));
    // Then 12,000 VMs of no service, unmarked: more than the keeper holds.
    for (let n = 10_001; n <= 22_000; n++) keeper.note(hv2, vm(n), plain(n));
    expect(keeper.size).toBe(5_000);
    for (let n = 1; n <= 1_000; n++) expect(keeper.get(vm(n))?.xml).toBe(tagged(n));
    expect(keeper.get(vm(50_001))).toBeDefined();
    expect(keeper.isProtected(vm(50_001))).toBe(true);
    // The rest of the room holds the most recently read unprotected ones.
    expect(keeper.get(vm(22_000))).toBeDefined();
    expect(keeper.get(vm(10_001))).toBeUndefined();
    // A VM marked later is kept from then on, however many more are read after it.
    keeper.setMarked([vm(50_001), vm(22_000)]);
    for (let n = 30_001; n <= 40_000; n++) keeper.note(hv2, vm(n), plain(n));
    expect(keeper.get(vm(22_000))).toBeDefined();
    expect(keeper.get(vm(1))).toBeDefined();
    expect(keeper.size).toBe(5_000);
  });

  it('when only protected definitions are left, the least recently read of them go, never for an unprotected one', () => {
    const keeper = new DefinitionKeeper({
      maxDefinitions: 3,
      marked: [vm(1), vm(2), vm(3), vm(4)],
    });
    for (let n = 1; n <= 3; n++) keeper.note(hv1, vm(n), `<domain>${n}</domain>`);
    keeper.note(hv1, vm(9), '<domain>9</domain>'); // unprotected: not kept at their expense
    expect(keeper.get(vm(9))).toBeUndefined();
    expect([1, 2, 3].every((n) => keeper.get(vm(n)) !== undefined)).toBe(true);
    keeper.note(hv1, vm(4), '<domain>4</domain>'); // protected too: the oldest protected goes
    expect(keeper.get(vm(1))).toBeUndefined();
    expect(keeper.get(vm(4))).toBeDefined();
    expect(keeper.size).toBe(3);
  });

  it('a damaged file is said and started over, not fatal', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'definitions.json'), '{"version":1,"definitions":[{"vmId":3}]}');
    const log: string[] = [];
    const keeper = await openDefinitions(dir, { append: (e) => log.push(e.message) });
    expect(keeper.size).toBe(0);
    expect(log.join('\n')).toMatch(/did not read/);
    keeper.note(hv1, vm(1), '<domain/>');
    await keeper.idle();
    expect(readFileSync(join(dir, 'definitions.json'), 'utf8')).toContain(vm(1));
  });
});

describe('a kept file too big to be ours', () => {
  it('is not read whole: started over like a damaged one', async () => {
    const dir = folder();
    const file = join(dir, 'definitions.json');
    writeFileSync(file, `{"version":1,"definitions":[],"pad":"${'x'.repeat(5_000)}"}`);
    const keeper = new DefinitionKeeper({ file, maxTotalChars: 1_000 });
    expect(await keeper.load()).toBe(false);
    expect(keeper.size).toBe(0);
  });
});

describe('the libvirt listing feeds it', () => {
  it('keeps the XML of every VM (in a service or not: the admin may mark it HA) when first listed, not again', async () => {
    const fake = new FakeHost();
    fake.domains = [
      { uuid: vm(1), name: 'web-1', state: 1, application: 'web', service: 'shop' },
      { uuid: vm(2), name: 'scratch', state: 1 },
    ];
    const kept: [string, string][] = [];
    const driver = createLibvirtDriver({
      shell: fake.session(),
      hostId: hv1,
      hostName: 'hv1',
      uri: 'qemu:///session',
      keep: (uuid, xml) => kept.push([uuid, xml]),
    });
    await driver.listVms();
    expect(kept.map(([uuid]) => uuid)).toEqual([vm(1), vm(2)]);
    expect(kept[0]?.[1]).toContain('<name>web-1</name>');
    expect(kept[1]?.[1]).toContain('<name>scratch</name>');
    await driver.listVms(); // nothing new: the XML is not read again
    expect(kept).toHaveLength(2);
  });
});
