import { describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../shared/domain/application';
import type { ApplicationId } from '../../../shared/domain/ids';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { buildMoveContext } from './move-context';
import { shopCatalog, WEB } from '../../testing/move-fixtures';
import { dragVerdicts, hoverAnswer } from './verdicts';

// The verdicts as pure functions, on rules the drag tests do not reach: hard spread and soft
// co-location, named by VM and application names, never by ids.

function catalog(edit: (apps: ServiceBundle['applications']) => void) {
  const c = shopCatalog();
  edit(c.services[0]!.applications);
  return c.services;
}

describe('drag verdicts', () => {
  it('a hard spread rule refuses the host of the other replica, naming it (not its UUID)', () => {
    const web1 = makeVm('hv1', 'web-1', { application: WEB });
    const web2 = makeVm('hv2', 'web-2', { application: WEB });
    const fleet = makeFleet([makeHost('hv1'), makeHost('hv2'), makeHost('hv3')], [web1, web2]);
    const services = catalog((apps) => {
      apps[0]!.spread = { across: 'host', strength: 'hard' };
    });
    const verdicts = dragVerdicts(buildMoveContext(fleet, services, [], DEFAULT_SETTINGS), [
      web1.id,
    ]);
    expect(verdicts.get('hv2')).toEqual({
      kind: 'refused',
      reasons: ['anti-affinity with web-2'],
      fix: 'Pick a host (or zone) without another VM of the same application.',
    });
    expect(verdicts.get('hv3')?.kind).toBe('fits');
  });

  it('leaving a soft co-location partner behind is amber, in words', () => {
    const DB = 'app-db' as ApplicationId;
    const web1 = makeVm('hv1', 'web-1', { application: WEB });
    const db1 = makeVm('hv1', 'db-1', { application: DB });
    const fleet = makeFleet([makeHost('hv1'), makeHost('hv2')], [web1, db1]);
    const services = catalog((apps) => {
      const web = apps[0]!;
      apps.push({
        id: DB,
        name: 'db',
        vcpus: 1,
        memoryMiB: 512,
        replicas: 1,
        template: web.template,
      });
      web.replicas = 1;
      delete web.spread;
      web.colocateWith = { application: DB, strength: 'soft' };
    });
    const ctx = buildMoveContext(fleet, services, [], DEFAULT_SETTINGS);
    const verdict = dragVerdicts(ctx, [web1.id]).get('hv2')!;
    expect(verdict).toEqual({
      kind: 'soft',
      reasons: ['web-1 leaves db behind: hv2 runs none (soft co-location)'],
    });
    // The hovered host keeps the amber verdict and adds the room left.
    const hover = hoverAnswer(ctx, [web1.id], 'hv2', verdict);
    expect(hover.verdict.kind).toBe('soft');
    expect(hover.headroom).toBe('hv2 after the move: 62.0 GiB memory, 62 vCPUs free');
  });

  it('a host that has not reported its size yet is refused, saying so', () => {
    const web1 = makeVm('hv1', 'web-1');
    const fresh = makeHost('hv2', { state: 'connecting' });
    delete fresh.facts;
    const fleet = makeFleet([makeHost('hv1'), fresh], [web1]);
    const verdicts = dragVerdicts(buildMoveContext(fleet, [], [], DEFAULT_SETTINGS), [web1.id]);
    expect(verdicts.get('hv2')).toEqual({
      kind: 'refused',
      reasons: ['host is still connecting'],
    });
    expect(verdicts.get('hv1')?.kind).toBe('source');
  });
});
