/**
 * Release check: reads the fuses of a packaged Electron binary and fails if any differs from
 * electron-builder.yml's `electronFuses`. electron-builder flips them when packaging; this proves
 * it did, on the very file that ships.
 *
 *   npm run -s check-fuses -- dist/linux-unpacked/federator
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { compareFuses, expectedFuses } from './fuse-check';

const binary = process.argv[2];
if (binary === undefined) {
  console.error('usage: check-fuses <path to the packaged Electron binary>');
  process.exit(2);
}
const yml = await readFile(resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8');
const expected = expectedFuses(yml);
const problems = compareFuses(expected, await getCurrentFuseWire(binary));
if (problems.length > 0) {
  console.error(`Fuses of ${binary} differ from electron-builder.yml:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`Fuses of ${binary}: all ${expected.size} as electron-builder.yml sets them.`);
