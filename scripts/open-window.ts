// `npm start` / `npm run dev`: make sure the Electron binary is there, then hand over to
// electron-vite (`preview` builds and opens the window, `dev` serves it with reload). A launcher and
// not a `prestart` script: npm skips pre-scripts under `ignore-scripts`, and then electron-vite's
// bare "Electron uninstall" would be all a user saw.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { demoSizeArg, forwardDemoSize, parseDemoSize } from '../electron/core/hosts/demo-size';
import { ensureElectronBinary } from './electron-binary';

const modes = ['preview', 'dev'];
const [mode, ...rest] = process.argv.slice(2);
if (mode === undefined || !modes.includes(mode)) {
  console.error(`Usage: open-window ${modes.join('|')} [electron-vite options]`);
  process.exit(2);
}

// `--demo-size` is the window's, not electron-vite's: checked here so a typo is said before the build.
const demoSize = demoSizeArg(rest);
const size = demoSize === undefined ? undefined : parseDemoSize(demoSize);
if (size && !size.ok) {
  console.error(size.message);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const result = await ensureElectronBinary({
  electronDir,
  env: process.env,
  log: (line) => console.log(line),
});
if (!result.ok) {
  console.error(result.sentence);
  process.exit(1);
}
if (result.via === 'exec-path')
  console.log(`Electron: ${process.env.ELECTRON_EXEC_PATH} (ELECTRON_EXEC_PATH)`);

const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin/electron-vite.js',
);
const child = spawn(process.execPath, [electronVite, mode, ...forwardDemoSize(rest)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
