import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quote, toCommandLine } from './quote';

/**
 * The login shells a host may run the line with, as sshd does (`shell -c LINE`). Debian's dash is
 * /bin/sh; busybox is the shell of small hosts (lab/lab.sh installs busybox-static).
 */
type Shell = readonly [name: string, argv: readonly string[]];
const SHELLS: readonly Shell[] = (
  [
    ['/bin/sh', ['/bin/sh']],
    ['dash', ['/usr/bin/dash']],
    ['bash', ['/bin/bash']],
    ['bash --posix', ['/bin/bash', '--posix']],
    ['busybox sh', ['/bin/busybox', 'sh']],
  ] satisfies Shell[]
).filter(([, [program = '']]) => existsSync(program));

/** 150 shells spawned per property: seconds on a quiet machine, more on a loaded one. */
const SHELL_TEST_MS = 60_000;

/** Run a command line through a real shell; the script prints each argument NUL-terminated. */
function roundTrip(args: readonly string[], shell: readonly string[] = ['/bin/sh']): string[] {
  const line = toCommandLine(['printf', '%s\\0', ...args]);
  const [program = '/bin/sh', ...options] = shell;
  const out = execFileSync(program, [...options, '-c', line], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const nasty = fc.constantFrom(
  "'",
  '"',
  '$(touch /tmp/federator-pwned)',
  '`id`',
  '\n',
  ' ',
  '\t',
  '\\',
  '*',
  '?',
  '~',
  '!',
  '$HOME',
  ';',
  '&&',
  '|',
  '>',
  '<',
  '#',
  'é',
  '🚀',
  '-n',
  '--',
  '%s',
);
const piece = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), nasty);
const arg = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('').replace(/\0/g, ''));

describe('quote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(quote('list')).toBe('list');
    expect(quote('qemu:///session')).toBe('qemu:///session');
    expect(quote('')).toBe("''");
    expect(quote('a b')).toBe("'a b'");
    expect(quote("it's")).toBe(`'it'\\''s'`);
  });

  it('refuses NUL and empty commands', () => {
    expect(() => quote('a\0b')).toThrow(RangeError);
    expect(() => toCommandLine([])).toThrow(RangeError);
  });

  it('runs on every shell the lab installs', () => {
    expect(SHELLS.map(([name]) => name)).toEqual([
      '/bin/sh',
      'dash',
      'bash',
      'bash --posix',
      'busybox sh',
    ]);
  });

  it.each(SHELLS)(
    'hostile arguments reach the program unchanged through a real %s',
    (_, shell) => {
      fc.assert(
        fc.property(fc.array(arg, { minLength: 1, maxLength: 5 }), (args) => {
          expect(roundTrip(args, shell)).toEqual(args);
        }),
        { numRuns: 150 },
      );
    },
    SHELL_TEST_MS,
  );

  it(
    'a hostile first word is a program name to a real sh, never an assignment or a keyword',
    () => {
      // With no PATH a program cannot be found: 127 (126 for a path that is not executable) proves
      // sh looked for a program of that name; an assignment or `!` would run `true` instead.
      const sh = (args: string[]): number | null =>
        spawnSync('/bin/sh', args, { env: { PATH: '/nonexistent' }, stdio: 'ignore' }).status;
      fc.assert(
        fc.property(
          fc.oneof(arg, fc.constantFrom('X=y', 'if', '!', '{', 'a=$(id)', '--', '-c')),
          (word) => {
            // A builtin of that name runs whatever the quoting: not what this checks.
            fc.pre(sh(['-c', 'command -v -- "$1"', 'sh', word]) !== 0);
            expect([126, 127]).toContain(sh(['-c', toCommandLine([word, 'true'])]));
          },
        ),
        { numRuns: 150 },
      );
      expect(quote('X=y')).toBe("'X=y'");
      expect(toCommandLine(['--', '-n'])).toBe("'--' -n"); // not sh's own options
    },
    SHELL_TEST_MS,
  );

  it('a command substitution in a name is never run', () => {
    const args = ['it\'s a "$(echo pwned)" `echo pwned` vm\nline 2'];
    expect(roundTrip(args)).toEqual(args);
  });
});
