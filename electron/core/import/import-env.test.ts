import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../../shared/domain/host-import';
import { AppError } from '../../../shared/errors';
import { machineEnv } from './import-env';

describe('machineEnv().readFile: the files an import reads', () => {
  const dirs: string[] = [];
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'federator-import-env-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a small file whole', async () => {
    const path = join(folder(), 'config');
    writeFileSync(path, 'Host hv1\n  HostName 127.0.0.11\n');
    await expect(machineEnv().readFile(path)).resolves.toBe('Host hv1\n  HostName 127.0.0.11\n');
  });

  it('refuses a file over the import limit, a folder and /dev/zero by name, and says when there is none', async () => {
    const dir = folder();
    const big = join(dir, 'inventory.ini');
    writeFileSync(big, 'x'.repeat(IMPORT_MAX_BYTES + 1));
    const refusal = async (path: string): Promise<AppError> => {
      const error: unknown = await machineEnv()
        .readFile(path)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    };
    expect((await refusal(big)).message).toMatch(/inventory\.ini: it is larger than 512 KiB/);
    mkdirSync(join(dir, 'sub'));
    expect((await refusal(join(dir, 'sub'))).message).toMatch(/not a regular file/);
    expect((await refusal('/dev/zero')).message).toMatch(/\/dev\/zero: it is not a regular file/);
    const missing = await refusal(join(dir, 'nothing-here'));
    expect(missing.code).toBe('not-found');
  });
});
