import { describe, expect, it } from 'vitest';
import { alertList, makeAlert } from '../../testing/alert-fixtures';
import { badgeOf, listSections } from './alerts-view';

const acknowledged = { at: 1, note: 'on it' };

describe('the badge', () => {
  it('counts firing alerts nobody acknowledged, coloured by the worst of them', () => {
    const list = alertList([
      makeAlert('a'),
      makeAlert('b', { severity: 'critical', acknowledged }),
      makeAlert('c'),
    ]);
    // The critical one is acknowledged: it no longer colours the badge.
    expect(badgeOf(list)).toEqual({ count: 2, severity: 'warning' });
    expect(badgeOf(alertList([makeAlert('a'), makeAlert('d', { severity: 'critical' })]))).toEqual({
      count: 2,
      severity: 'critical',
    });
    expect(badgeOf(alertList([], [makeAlert('r', { status: 'resolved' })]))).toEqual({
      count: 0,
      severity: undefined,
    });
  });
});

describe('the list', () => {
  it('puts unacknowledged first, then critical, then the newest; resolved only with all', () => {
    const list = alertList(
      [
        makeAlert('old-warning', { firedAt: 100 }),
        makeAlert('acked-critical', { severity: 'critical', acknowledged, firedAt: 500 }),
        makeAlert('new-warning', { firedAt: 300 }),
        makeAlert('critical', { severity: 'critical', firedAt: 50 }),
      ],
      [
        makeAlert('r1', { status: 'resolved', resolvedAt: 10 }),
        makeAlert('r2', { status: 'resolved', resolvedAt: 20 }),
      ],
    );
    const firing = listSections(list, 'firing');
    expect(firing.firing.map((a) => a.id)).toEqual([
      'critical',
      'new-warning',
      'old-warning',
      'acked-critical',
    ]);
    expect(firing.resolved).toEqual([]);
    expect(listSections(list, 'all').resolved.map((a) => a.id)).toEqual(['r2', 'r1']);
  });
});
