import { DEFAULT_SETTINGS } from '../domain/settings';
import { describe, expect, it } from 'vitest';
import type { Host } from '../domain/host';
import type { ApplicationId } from '../domain/ids';
import { createWhatIfSession } from '../placement/index';
import { app, host, shop, vm } from '../testing/service-fixtures';
import { buildPlacementInput } from './build-input';
import { createNamer } from '../words/namer';
import { reasonWords } from '../words/reasons';
import { softRuleCheck, softRuleWarnings } from './soft-rules';

// web spreads softly over hosts, cache over zones, api softly follows web. hv1 and hv2 are zone a,
// hv3 zone b.
const WEB = 'app-web' as ApplicationId;
const CACHE = 'app-cache' as ApplicationId;
const API = 'app-api' as ApplicationId;

const inZone = (name: string, zone: string): Host => {
  const h = host(name);
  return { ...h, config: { ...h.config, labels: { zone } } };
};
const [hv1, hv2, hv3] = [inZone('hv1', 'a'), inZone('hv2', 'a'), inZone('hv3', 'b')] as const;
const vms = [
  vm('web-1', hv1, { app: WEB }),
  vm('web-2', hv2, { app: WEB }),
  vm('api-1', hv1, { app: API }),
  vm('cache-1', hv1, { app: CACHE }),
  vm('cache-2', hv3, { app: CACHE }),
];
const services = [
  shop({
    apps: [
      app(WEB, 'web', { replicas: 2, spread: { across: 'host', strength: 'soft' } }),
      app(CACHE, 'cache', { replicas: 2, spread: { across: 'zone', strength: 'soft' } }),
      app(API, 'api', { colocateWith: { application: WEB, strength: 'soft' } }),
    ],
  }),
];
const fleet = { hosts: [hv1, hv2, hv3], vms, services, paths: [], overcommit: DEFAULT_SETTINGS };
const session = createWhatIfSession(buildPlacementInput(fleet));
const names = createNamer(fleet);
const id = (name: string) => `uuid-${name}`;
// The rules answer with data; the tests read it as the window and the review say it.
const check = (name: string, moving: string[] = []) => {
  const soft = softRuleCheck(session, id(name), new Set(moving.map(id)));
  return (hostId: string) => {
    const broken = soft(hostId);
    return broken === null ? null : reasonWords(broken, names);
  };
};
const warnings = (moves: Parameters<typeof softRuleWarnings>[1]) =>
  softRuleWarnings(session, moves).map((r) => reasonWords(r, names));
const move = (name: string, from: Host, to: Host) => ({
  vm: { id: id(name), hostId: from.config.id },
  to: to.config.id,
});

describe('softRuleCheck (a drag)', () => {
  it('a soft host spread: joining another replica is said, the source says nothing', () => {
    const web1 = check('web-1');
    expect(web1(hv2.config.id)).toBe(
      'web-1 joins web-2 (also web) on hv2: its soft spread rule prefers them apart',
    );
    expect(web1(hv3.config.id)).toBeNull();
    expect(web1(hv1.config.id)).toBeNull();
  });

  it('VMs dragged along are counted nowhere', () => {
    expect(check('web-1', ['web-2'])(hv2.config.id)).toBeNull();
  });

  it("a soft zone spread counts the target's zone", () => {
    const cache1 = check('cache-1');
    expect(cache1(hv3.config.id)).toBe(
      "cache-1 joins cache-2 (also cache) in hv3's zone: its soft spread rule prefers them apart",
    );
    expect(cache1(hv2.config.id)).toBeNull();
  });

  it('a soft co-location: leaving the partner behind is said', () => {
    const api1 = check('api-1');
    expect(api1(hv3.config.id)).toBe('api-1 leaves web behind: hv3 runs none (soft co-location)');
    expect(api1(hv2.config.id)).toBeNull();
  });
});

describe('softRuleWarnings (a set of moves)', () => {
  it('returns the rule as data: the code, the ids and every VM joined', () => {
    expect(softRuleWarnings(session, [move('web-1', hv1, hv2)])).toEqual([
      {
        code: 'soft-spread',
        vm: id('web-1'),
        host: hv2.config.id,
        application: WEB,
        across: 'host',
        joins: [id('web-2')],
      },
    ]);
    expect(softRuleWarnings(session, [move('api-1', hv1, hv3)])).toEqual([
      { code: 'soft-colocate', vm: id('api-1'), host: hv3.config.id, with: WEB },
    ]);
  });

  it('says the same words as the drag', () => {
    expect(warnings([move('web-1', hv1, hv2)])).toEqual([
      'web-1 joins web-2 (also web) on hv2: its soft spread rule prefers them apart',
    ]);
  });

  it('reads where every VM is after the set: replicas moving apart, partners moving together', () => {
    const apart = [move('web-1', hv1, hv2), move('web-2', hv2, hv3)];
    expect(warnings(apart)).toEqual([]);
    const together = [move('web-1', hv1, hv3), move('api-1', hv1, hv3)];
    expect(warnings(together)).toEqual([]);
  });
});
