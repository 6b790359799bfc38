import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { describe, expect, it } from 'vitest';
import { compareFuses, expectedFuses } from './fuse-check';

// No Electron binary can be downloaded here: these check the comparison on fuse wires as
// @electron/fuses's getCurrentFuseWire returns them; the script itself runs at release time.
const builderYaml = readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8');

/** A wire as a packaged binary would report it, every fuse flipped as the yml asks. */
function wireAsAsked(
  overrides: Partial<Record<FuseV1Options, FuseState>> = {},
): FuseConfig<FuseState> {
  const wire: Record<number, FuseState> = {};
  for (const [key, on] of expectedFuses(builderYaml)) {
    const name = `${key.charAt(0).toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options;
    wire[FuseV1Options[name]] = on ? FuseState.ENABLE : FuseState.DISABLE;
  }
  return { version: FuseVersion.V1, ...wire, ...overrides };
}

describe('release fuse check', () => {
  it('reads the security fuses electron-builder.yml sets', () => {
    const expected = expectedFuses(builderYaml);
    expect(Object.fromEntries(expected)).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(expected.size).toBe(8);
  });

  it('passes a binary whose fuses are as asked', () => {
    expect(compareFuses(expectedFuses(builderYaml), wireAsAsked())).toEqual([]);
  });

  it('names each fuse that differs, left unset, or is missing from the binary', () => {
    const wire = wireAsAsked({
      [FuseV1Options.RunAsNode]: FuseState.ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.INHERIT,
    });
    delete (wire as unknown as Record<number, FuseState>)[
      FuseV1Options.GrantFileProtocolExtraPrivileges
    ];
    expect(compareFuses(expectedFuses(builderYaml), wire)).toEqual([
      'runAsNode: expected disabled, the binary has enabled',
      'onlyLoadAppFromAsar: expected enabled, the binary has inherited (not set)',
      'grantFileProtocolExtraPrivileges: expected disabled, the binary has no such fuse',
    ]);
  });

  it('refuses a wire of another version, and a yml it cannot check', () => {
    const wire = { ...wireAsAsked(), version: '2' } as unknown as FuseConfig<FuseState>;
    expect(compareFuses(expectedFuses(builderYaml), wire)).toEqual([
      'fuse wire version 2, expected 1',
    ]);
    expect(() => expectedFuses('appId: x\n')).toThrow(/no electronFuses section/);
    expect(() => expectedFuses('electronFuses:\n  runAsNod: false\n')).toThrow(
      /electronFuses.runAsNod is not a known fuse/,
    );
    expect(() => expectedFuses('electronFuses:\n  runAsNode: no way\n')).toThrow(
      /not true or false/,
    );
  });
});

describe('scripts/check-fuses.ts on a file laid out as a binary’s fuse wire', () => {
  // Not Electron: bytes around the sentinel, the wire version, its length and one byte per fuse,
  // which is all @electron/fuses reads. Proves the script's wiring, not a real build's fuses.
  const run = promisify(execFile);
  const fakeBinary = (flip?: FuseV1Options): string => {
    const states = Array.from({ length: 8 }, (_, i) => wireAsAsked()[i as FuseV1Options]);
    if (flip !== undefined)
      states[flip] = states[flip] === FuseState.ENABLE ? FuseState.DISABLE : FuseState.ENABLE;
    const dir = mkdtempSync(join(tmpdir(), 'federator-fuses-'));
    const path = join(dir, 'federator');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('\x7fELF…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8, ...states.map(Number)]),
      ]),
    );
    return path;
  };
  const check = (binary: string) =>
    run('node_modules/.bin/tsx', ['scripts/check-fuses.ts', binary]).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
    );

  it('exits 0 when the fuses are as asked, 1 naming the fuse when one is not', async () => {
    const good = fakeBinary();
    const bad = fakeBinary(FuseV1Options.EnableNodeCliInspectArguments);
    try {
      expect(await check(good)).toEqual({
        code: 0,
        out: `Fuses of ${good}: all 8 as electron-builder.yml sets them.\n`,
      });
      const failed = await check(bad);
      expect(failed.code).toBe(1);
      expect(failed.out).toContain(
        'enableNodeCliInspectArguments: expected disabled, the binary has enabled',
      );
    } finally {
      for (const path of [good, bad]) rmSync(join(path, '..'), { recursive: true, force: true });
    }
  }, 30_000);
});
