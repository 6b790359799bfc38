/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order, one after the other so they do not
 * compete for the CPU. Each file exports `run()`, which prints its figures (no pass/fail: machines
 * are noisy; the figures are for people to read and compare).
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface BenchModule {
  run(): void | Promise<void>;
}

const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(new URL(file, dir).pathname).href)) as BenchModule;
  await mod.run();
}
