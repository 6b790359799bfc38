import { describe, expect, it } from 'vitest';
import { host, shop, vm, WEB } from '../testing/service-fixtures';
import { createNamer } from './namer';
import { suggestionWords, unplacedWords } from './plan-words';
import { reasonWords } from './reasons';

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
    const spread = { code: 'spread-host', host: 'id-hv1', application: 'vm:uuid-scratch' } as const;
    expect(reasonWords(spread, names)).toBe('anti-affinity with scratch');
  });

  it('names every id a reason carries, a service and a host too', () => {
    expect(
      reasonWords(
        { code: 'spread-zone', host: 'id-hv1', application: WEB, vm: 'uuid-web-1' },
        names,
      ),
    ).toBe('zone already runs web-1 (zone spread)');
    const blocked = { vm: 'x', application: WEB, refusals: [], suggestions: [] };
    expect(
      unplacedWords({ ...blocked, blockedBy: { service: 'svc-shop', application: WEB } }, names),
    ).toEqual(['service shop is placed all or nothing and application web cannot be placed']);
    const relax = {
      kind: 'relax-rule',
      rule: 'no-path',
      application: WEB,
      subject: 'id-hv1',
    } as const;
    expect(suggestionWords({ ...relax, hostsThatWouldFit: 2 }, names)).toBe(
      'open a migration path from hv1: 2 hosts would fit',
    );
  });

  it('says a label as it is: only ids a reason names as ids become names', () => {
    expect(reasonWords({ code: 'label', host: 'id-hv1', missing: ['tier=id-hv1'] }, names)).toBe(
      'host lacks label tier=id-hv1',
    );
  });

  it('maps ids to names and nothing else: no sentence goes back in', () => {
    expect(Object.keys(names).sort()).toEqual(['application', 'host', 'service', 'vm']);
  });
});
