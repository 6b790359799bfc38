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
