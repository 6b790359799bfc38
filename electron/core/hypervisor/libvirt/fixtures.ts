import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A fixture captured from real virsh / Linux output (see fixtures/README.md). */
export function fixture(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}
