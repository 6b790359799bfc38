// Adds up the JSON reports of vitest (unit, integration) and Playwright (e2e) into one closing line
// that CI reads: "tests: N passed, M failed". A suite that did not run is named, not counted as passed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'artifacts';
const suites = [
  ['unit', 'unit.json', 'vitest'],
  ['integration', 'integration.json', 'vitest'],
  ['desktop', 'desktop.json', 'vitest'],
  ['e2e', 'e2e.json', 'playwright'],
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, file, kind] of suites) {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.log(`${name}: did not run`);
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  // A test file that fails to load, or an error outside any test, fails no test yet fails the run:
  // count it, so that the closing line never says "0 failed" about a broken run.
  const counts =
    kind === 'vitest'
      ? {
          p: report.numPassedTests,
          f: report.numFailedTests + brokenFiles(report),
          s: report.numPendingTests + report.numTodoTests,
        }
      : {
          p: report.stats.expected,
          f: report.stats.unexpected + report.stats.flaky + (report.errors?.length ?? 0),
          s: report.stats.skipped,
        };
  console.log(`${name}: ${counts.p} passed, ${counts.f} failed, ${counts.s} skipped`);
  passed += counts.p;
  failed += counts.f;
  skipped += counts.s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

function brokenFiles(report) {
  return report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
}
