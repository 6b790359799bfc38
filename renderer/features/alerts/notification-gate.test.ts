import { describe, expect, it } from 'vitest';
import { makeAlert } from '../../testing/alert-fixtures';
import { NotificationGate } from './notification-gate';

describe('NotificationGate', () => {
  it('lets each firing alert through once, whatever follows under its id', () => {
    const gate = new NotificationGate();
    const alert = makeAlert('a1');
    expect(gate.admit(alert)).toBe(true);
    const updated = { ...alert, value: 99 };
    expect(gate.admit(updated)).toBe(false); // a value update
    expect(gate.admit(alert)).toBe(false); // the same event twice (a second subscription)
    expect(gate.admit({ ...alert, status: 'resolved' })).toBe(false);
    expect(gate.admit(makeAlert('a2'))).toBe(true);
  });

  it('says nothing of alerts open before the page loaded, acknowledged ones or resolved ones', () => {
    const gate = new NotificationGate();
    gate.know([makeAlert('before')]);
    expect(gate.admit(makeAlert('before'))).toBe(false);
    expect(gate.admit(makeAlert('acked', { acknowledged: { at: 1, note: '' } }))).toBe(false);
    expect(gate.admit(makeAlert('gone', { status: 'resolved' }))).toBe(false);
  });

  it('stays bounded: after thousands of alerts the oldest are forgotten, the newest kept', () => {
    const gate = new NotificationGate();
    for (let i = 0; i < 6000; i += 1) gate.admit(makeAlert(`a${i}`));
    expect(gate.admit(makeAlert('a5999'))).toBe(false);
    expect(gate.admit(makeAlert('a0'))).toBe(true);
  });
});
