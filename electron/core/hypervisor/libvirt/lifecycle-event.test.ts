import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifecycleEventOf } from './lifecycle-event';
import { parseEventLine } from './parse-event';

const read = (line: string) => {
  const event = parseEventLine(line);
  return event && lifecycleEventOf(event);
};

describe('lifecycle events from virsh event --loop', () => {
  it('reads a killed QEMU as a crash, with libvirt words kept', () => {
    expect(read("event 'lifecycle' for domain 'vm2': Stopped Failed")).toEqual({
      domain: 'vm2',
      phase: 'off',
      kind: 'crashed',
      reason: 'failed',
      said: 'Stopped Failed',
    });
    expect(
      read("2026-11-28 10:12:07.349+0000: event 'lifecycle' for domain 'db-1': Started Booted"),
    ).toMatchObject({ domain: 'db-1', phase: 'running', kind: 'started' });
  });

  it('knows every change an admin asks about', () => {
    const kinds = [
      ['Started Migrated', 'migrated-in'],
      ['Started Restored', 'restored'],
      ['Stopped Shutdown', 'shut-down'],
      ['Stopped Destroyed', 'destroyed'],
      ['Stopped Migrated', 'migrated-out'],
      ['Stopped Crashed', 'crashed'],
      ['Suspended Paused', 'paused'],
      ['Suspended I/O Error', 'paused'],
      ['Resumed Unpaused', 'resumed'],
      ['Defined Added', 'defined'],
      ['Undefined Removed', 'undefined'],
      ['PMSuspended Memory', 'pm-suspended'],
      ['Crashed Panicked', 'crashed'],
    ] as const;
    for (const [said, kind] of kinds) {
      expect(read(`event 'lifecycle' for domain 'x': ${said}`)?.kind, said).toBe(kind);
    }
  });

  it('lets the steps of a migration and a shutdown pass without a line of their own', () => {
    for (const said of [
      'Shutdown Finished after host request',
      'Suspended Migrated',
      'Resumed Migrated',
      'Defined Updated',
    ]) {
      expect(read(`event 'lifecycle' for domain 'x': ${said}`)?.kind, said).toBeUndefined();
    }
    // The migration's last pause keeps the VM running as far as the log is concerned.
    expect(read("event 'lifecycle' for domain 'x': Resumed Migrated")?.phase).toBe('running');
  });

  it('takes a hostile name as data: quotes, colons and a fake event inside it', () => {
    expect(read("event 'lifecycle' for domain 'evil': Stopped Failed': Started Booted")).toEqual(
      expect.objectContaining({ domain: "evil': Stopped Failed", kind: 'started' }),
    );
    const fixture = readFileSync(new URL('./fixtures/event-loop.txt', import.meta.url), 'utf8');
    const events = fixture.split('\n').map(read).filter(Boolean);
    expect(events.map((e) => `${e?.domain} ${e?.kind ?? '-'}`)).toContain(
      `it's a "$(touch federator-pwned)" vm started`,
    );
    expect(events.find((e) => e?.domain.startsWith('tab\t'))?.kind).toBe('undefined');
  });

  it('ignores other events, unknown words and malformed lines', () => {
    for (const line of [
      "event 'metadata-change' for domain 'db-1': type title, uri <null>",
      "event 'lifecycle' for domain 'x': Started",
      "event 'lifecycle' for domain 'x': Démarré Booted",
      "event 'lifecycle' for domain 'x': toString constructor",
      "event 'lifecycle' for domain 'x': __proto__ Booted",
      "event 'lifecycle' for domain '': Stopped Failed",
      "event 'lifecycle' for domain 'a",
      "b': Started Booted",
      'events received: 4',
      '',
    ]) {
      expect(read(line), line).toBeUndefined();
    }
  });

  // Lines made of the pieces that matter to the parser, in any order and number.
  const pieces = fc
    .array(
      fc.constantFrom(
        "'",
        "': ",
        ': ',
        ' ',
        'Stopped',
        'Failed',
        'Started',
        'x',
        '\t',
        '\n',
        'é',
        '\0',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('never throws on any line', () => {
    fc.assert(
      fc.property(pieces, (tail) => {
        const event = read(`event 'lifecycle' for domain ${tail}`);
        return event === undefined || typeof event.domain === 'string';
      }),
      { numRuns: 300 },
    );
  });
});
