import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../../shared/domain/log';
import type { PlanningView } from '../../../shared/placement-input/build-input';
import { host } from '../../../shared/testing/service-fixtures';
import { createEventHub } from '../events/event-hub';
import { createEventLog } from '../events/event-log';
import { AlertBook } from './alert-book';
import { AlertEngine } from './alert-engine';
import { RuleStore } from './rule-store';
import { WebhookSender } from './webhook';

const fleet: PlanningView = {
  hosts: [host('hv1')],
  vms: [],
  services: [],
  paths: [],
  overcommit: { cpuOvercommit: 4, memoryOvercommit: 1 },
};

function engineWith(view: () => PlanningView) {
  const hub = createEventHub((e) => {
    throw e;
  });
  const log = createEventLog(hub);
  const lines: LogEntry[] = [];
  hub.on('log:appended', (entry) => lines.push(entry));
  const inventory = { getSetting: () => undefined, setSetting: () => Promise.resolve() };
  const engine = new AlertEngine({
    hub,
    log,
    rules: new RuleStore(inventory, () => 'r'),
    book: new AlertBook(),
    webhook: new WebhookSender({
      settings: () => ({ url: '', enabled: false }),
      onStatus: () => undefined,
      log: () => undefined,
    }),
    fleet: view,
    newId: () => 'a',
    tickMs: 1000,
  });
  return { engine, lines };
}

afterEach(() => vi.useRealTimers());

describe('AlertEngine', () => {
  it('keeps going when a look at the fleet throws, with one log line per distinct failure', () => {
    vi.useFakeTimers();
    let failure: Error | undefined = new Error('planning view broke');
    const { engine, lines } = engineWith(() => {
      if (failure) throw failure;
      return fleet;
    });
    engine.start();
    expect(() => vi.advanceTimersByTime(5000)).not.toThrow(); // five ticks
    engine.fleetChanged();
    expect(() => vi.advanceTimersByTime(300)).not.toThrow(); // the debounce
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      [
        'error',
        "Couldn't check the alert rules on their regular look at the fleet: planning view broke",
      ],
    ]);
    failure = new Error('n-1 broke');
    engine.fleetChanged();
    vi.advanceTimersByTime(300);
    vi.advanceTimersByTime(3000);
    failure = undefined;
    engine.fleetChanged();
    vi.advanceTimersByTime(1000);
    expect(lines.map((l) => l.message)).toEqual([
      "Couldn't check the alert rules on their regular look at the fleet: planning view broke",
      "Couldn't check the alert rules after the fleet changed: n-1 broke",
      'The alert rules are checked again',
    ]);
    engine.stop();
  });
});
