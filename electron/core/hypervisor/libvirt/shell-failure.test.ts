import { describe, expect, it } from 'vitest';
import { missingProgram } from './shell-failure';

describe('missing programs', () => {
  it('reads the missing program from what each shell, and `timeout`, prints', () => {
    const cases: [string, string][] = [
      ['sh: 1: timeout: not found\n', 'timeout'], // dash, busybox
      ['bash: line 1: timeout: command not found\n', 'timeout'],
      ['zsh:1: command not found: timeout\n', 'timeout'],
      ['fish: Unknown command: timeout\n', 'timeout'],
      ["timeout: failed to run command 'virsh': No such file or directory\n", 'virsh'],
    ];
    for (const [stderr, program] of cases) {
      expect(missingProgram({ code: 127, stderr })).toBe(program);
    }
  });

  it('only for the codes that mean "could not run"', () => {
    expect(missingProgram({ code: 1, stderr: 'sh: 1: timeout: not found' })).toBeUndefined();
    expect(missingProgram({ code: 127, stderr: 'something else' })).toBeUndefined();
  });
});
