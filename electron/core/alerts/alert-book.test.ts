import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { AlertBook, alertKey } from './alert-book';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function alert(n: number): Alert {
  return {
    id: `a${n}`,
    ruleId: 'r',
    ruleName: 'CPU',
    severity: 'warning',
    object: { kind: 'host', id: `h${n}`, name: `hv${n}` },
    status: 'firing',
    firedAt: n,
    why: { code: 'hypervisor-problem', host: `h${n}` },
  };
}

describe('AlertBook', () => {
  it('keeps one open alert per key and a bounded history, newest first', () => {
    const book = new AlertBook({ historySize: 3 });
    expect(book.fire('k', alert(1)).opened).toBe(true);
    expect(book.fire('k', alert(2))).toEqual({ alert: alert(1), opened: false });
    for (let n = 1; n <= 5; n++) {
      book.fire(`k${n}`, alert(n));
      book.resolve(`k${n}`, 100 + n);
    }
    expect(book.history(10).map((a) => [a.id, a.resolvedAt])).toEqual([
      ['a5', 105],
      ['a4', 104],
      ['a3', 103],
    ]);
    expect(book.history(1).map((a) => a.id)).toEqual(['a5']);
    expect(book.history(0)).toEqual([]);
  });

  it('acknowledges open and resolved alerts with a note; an unknown id is not-found', () => {
    const book = new AlertBook();
    book.fire('k', alert(1));
    expect(book.acknowledge('a1', 'on it', 5).acknowledged).toEqual({ at: 5, note: 'on it' });
    expect(book.get('k')?.acknowledged?.note).toBe('on it');
    book.resolve('k', 9);
    expect(book.acknowledge('a1', 'fixed the fan', 10).acknowledged?.note).toBe('fixed the fan');
    expect(() => book.acknowledge('nope', '', 0)).toThrow(/no alert with id nope/);
  });

  it('is kept across restarts, and refuses a damaged file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-book-'));
    dirs.push(dir);
    const file = join(dir, 'alerts.json');
    const first = new AlertBook({ file });
    first.fire(alertKey('r', { kind: 'host', id: 'h1' }), alert(1));
    first.fire('k2', alert(2));
    first.resolve('k2', 50);
    await first.idle();
    const second = new AlertBook({ file });
    await second.load();
    expect(second.get(alertKey('r', { kind: 'host', id: 'h1' }))?.id).toBe('a1');
    expect(second.history(5).map((a) => a.id)).toEqual(['a2']);
    writeFileSync(file, '{"version":1,"open":[');
    await expect(new AlertBook({ file }).load()).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"open":['); // not overwritten
  });
});
