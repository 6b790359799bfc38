import { describe, expect, it } from 'vitest';
import { demoSizeArg, forwardDemoSize, parseDemoSize } from './demo-size';

describe('parseDemoSize', () => {
  it('reads hosts x VMs per host', () => {
    expect(parseDemoSize('1000x10')).toEqual({
      ok: true,
      fleet: { hosts: 1000, vmsPerHost: 10, seed: 42 },
    });
    expect(parseDemoSize(' 4 X 0 ')).toMatchObject({
      ok: true,
      fleet: { hosts: 4, vmsPerHost: 0 },
    });
  });

  it.each([
    '',
    '1000',
    'x10',
    '1000x',
    '0x10',
    '2001x1',
    '10x51',
    '-5x2',
    '1.5x2',
    '10x10x10',
    'lots',
  ])('refuses %j in one sentence that names the flag, the form and the ranges', (text) => {
    const result = parseDemoSize(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      `--demo-size wants hosts x VMs per host, like 1000x10 (1 to 2,000 hosts, 0 to 50 VMs per host), not "${text}"`,
    );
  });
});

describe('demoSizeArg', () => {
  it('finds the value in both spellings, and an empty one for a bare flag', () => {
    expect(demoSizeArg(['electron', '.', '--demo-size', '1000x10'])).toBe('1000x10');
    expect(demoSizeArg(['--no-sandbox', '--demo-size=20x3'])).toBe('20x3');
    expect(demoSizeArg(['--demo-size'])).toBe('');
    expect(demoSizeArg(['--port', '0'])).toBeUndefined();
  });
});

describe('forwardDemoSize', () => {
  it("moves the flag behind electron-vite's --, for Electron", () => {
    expect(forwardDemoSize(['--demo-size', '1000x10'])).toEqual(['--', '--demo-size=1000x10']);
    expect(forwardDemoSize(['--sourcemap', '--demo-size=5x2', '--', '--inspect'])).toEqual([
      '--sourcemap',
      '--',
      '--inspect',
      '--demo-size=5x2',
    ]);
    expect(forwardDemoSize(['--sourcemap'])).toEqual(['--sourcemap']);
  });
});
