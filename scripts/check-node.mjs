// Fails early, in words, on a Node too old for the toolchain (vitest 4 and Vite 8 need 20.19+;
// Debian 12's own nodejs package is 18), rather than deep inside npm ci or a test runner.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: Federator needs Node 20.19 or newer.`);
  process.exit(1);
}
