import { describe, expect, it } from 'vitest';
import { alertList, makeAlert } from '../testing/alert-fixtures';
import { upsertAlert } from './alerts-cache';

describe('upsertAlert', () => {
  it('replaces a firing alert in place and puts a new one first', () => {
    const a = makeAlert('a');
    const b = makeAlert('b');
    const list = alertList([a, b]);
    const updated = upsertAlert(list, { ...b, value: 99 }, 10);
    expect(updated.open.map((x) => [x.id, x.value])).toEqual([
      ['a', 96],
      ['b', 99],
    ]);
    expect(updated.open[0]).toBe(a); // untouched alerts keep their identity
    expect(upsertAlert(list, makeAlert('c'), 10).open.map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('moves a resolved alert from the open ones to the top of the history, capped', () => {
    const list = alertList(
      [makeAlert('a'), makeAlert('b')],
      [makeAlert('old', { status: 'resolved' })],
    );
    const resolved = upsertAlert(list, makeAlert('a', { status: 'resolved', resolvedAt: 5 }), 2);
    expect(resolved.open.map((x) => x.id)).toEqual(['b']);
    expect(resolved.history.map((x) => x.id)).toEqual(['a', 'old']);
    const capped = upsertAlert(resolved, makeAlert('b', { status: 'resolved' }), 2);
    expect(capped.history.map((x) => x.id)).toEqual(['b', 'a']);
    // The same resolution twice (fired/resolved and changed both arrive) is one line.
    expect(upsertAlert(capped, makeAlert('b', { status: 'resolved' }), 2).history).toHaveLength(2);
  });
});
