import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../inventory/atomic-file';
import type { SecretBox } from './secret-box';

export const SECRETS_FILE = 'secrets.json';

const Entry = z.object({ scheme: z.string(), sealed: z.string() });
const StoredSecrets = z.object({ version: z.literal(1), entries: z.record(z.string(), Entry) });
type StoredSecrets = z.infer<typeof StoredSecrets>;

/** A secret as read back: the text, or why it cannot be read (sealed by another box, damaged). */
export type OpenedSecret =
  { ok: true; value: string } | { ok: false; sealedBy: string | undefined };

/**
 * Secrets by key (`power:<hostId>`), sealed by the box and kept in the data folder's secrets.json
 * (mode 0600, replaced atomically), apart from the inventory so that a copy of the inventory
 * carries no password. Writes are queued: two saves at once cannot lose one.
 */
export interface SecretStore {
  readonly protection: string;
  get(key: string): Promise<OpenedSecret | undefined>;
  set(key: string, plain: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export function openSecretStore(dataDir: string, box: SecretBox): SecretStore {
  const path = join(dataDir, SECRETS_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<StoredSecrets> => {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return { version: 1, entries: {} };
    const parsed = StoredSecrets.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path} is not a secrets file this console can read`);
    return parsed.data;
  };
  const change = (edit: (stored: StoredSecrets) => Promise<void>): Promise<void> => {
    const next = queue.then(async () => {
      const stored = await read();
      await edit(stored);
      await writeFileAtomic(path, Buffer.from(JSON.stringify(stored)));
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    protection: box.protection,
    async get(key) {
      const entry = (await read()).entries[key];
      if (entry === undefined) return undefined;
      if (entry.scheme !== box.scheme) return { ok: false, sealedBy: entry.scheme };
      try {
        return { ok: true, value: await box.open(entry.sealed) };
      } catch {
        return { ok: false, sealedBy: undefined };
      }
    },
    set: (key, plain) =>
      change(async (stored) => {
        stored.entries[key] = { scheme: box.scheme, sealed: await box.seal(plain) };
      }),
    remove: (key) =>
      change((stored) => {
        delete stored.entries[key];
        return Promise.resolve();
      }),
  };
}
