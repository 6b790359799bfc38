import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../shared/domain/alert';
import { ID_NAMER } from '../shared/words/namer';
import { notifyFiredAlerts, type DesktopNotice } from './alert-notifications';
import { createEventHub } from './core/events/event-hub';

const alert = (n: number, severity: Alert['severity'] = 'warning'): Alert => ({
  id: `a${n}`,
  ruleId: 'r',
  ruleName: 'Host unreachable',
  severity,
  object: { kind: 'host', id: `h${n}`, name: `hv${n}` },
  status: 'firing',
  firedAt: 0,
  why: { code: 'host-unreachable', host: `hv${n}`, state: 'unreachable' },
});

describe('desktop notifications of fired alerts', () => {
  it('says each alert, then counts a burst in one notice', async () => {
    vi.useFakeTimers();
    try {
      const hub = createEventHub((e) => {
        throw e;
      });
      const shown: DesktopNotice[] = [];
      notifyFiredAlerts({
        events: hub,
        names: () => Promise.resolve(ID_NAMER),
        show: (n) => shown.push(n),
      });
      hub.emit('alerts:fired', alert(1, 'critical'));
      for (let n = 2; n <= 6; n++) hub.emit('alerts:fired', alert(n));
      hub.emit('alerts:resolved', alert(9));
      await vi.advanceTimersByTimeAsync(0);
      expect(shown).toHaveLength(3);
      expect(shown[0]).toEqual({
        title: 'Critical: Host unreachable',
        body: 'hv1: hv1 is unreachable',
        critical: true,
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(shown.map((n) => n.title)).toEqual([
        'Critical: Host unreachable',
        'Warning: Host unreachable',
        'Warning: Host unreachable',
        '3 more alerts fired',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
