import { describe, expect, it } from 'vitest';
import { host, shop, vm, WEB } from '../services/fixtures.test-support';
import { createNamer } from './namer';

const hv1 = host('hv1');
const web1 = vm('web-1', hv1, { app: WEB });
const loose = vm('scratch', hv1);
const names = createNamer({ hosts: [hv1], vms: [web1, loose], services: [shop()] });

describe('createNamer', () => {
  it('names hosts, VMs and applications by id, and keeps an unknown id', () => {
    expect(names.host('id-hv1')).toBe('hv1');
    expect(names.vm('uuid-web-1')).toBe('web-1');
    expect(names.application(WEB)).toBe('web');
    expect(names.host('nope')).toBe('nope');
  });

  it("a VM no service owns stands for its own application ('vm:<id>')", () => {
    expect(names.application('vm:uuid-scratch')).toBe('scratch');
    expect(names.words('anti-affinity with vm:uuid-scratch')).toBe('anti-affinity with scratch');
  });

  it("names every id in the engine's words, a service's too, and one before a colon", () => {
    expect(names.words('anti-affinity with uuid-web-1 (zone spread), on id-hv1')).toBe(
      'anti-affinity with web-1 (zone spread), on hv1',
    );
    expect(names.words('service svc-shop is placed all or nothing')).toBe(
      'service shop is placed all or nothing',
    );
    expect(names.words('open a migration path from id-hv1: 2 hosts would fit')).toBe(
      'open a migration path from hv1: 2 hosts would fit',
    );
  });

  it('leaves a word that merely contains an id alone', () => {
    expect(names.words('label tier=id-hv1x')).toBe('label tier=id-hv1x');
  });
});
