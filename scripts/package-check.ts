// What a package would carry, measured without Electron's binary (which cannot be downloaded on
// CI): electron-builder runs the real config and file selection into an unpacked app around a
// placeholder executable, and writes the real app.asar. `npm run package:check` prints
// its size and what takes the room; scripts/package-check.desktop.test.ts holds it to account.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage, statFile } from '@electron/asar';
import { build, Platform } from 'electron-builder';

const repo = resolve(import.meta.dirname, '..');
// Electron marks its fuse wire with this string; @electron/fuses looks for it to flip the fuses.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 8;

export interface UnpackedApp {
  asar: string;
  executable: string;
  remove: () => void;
}

/** A stand-in Electron: no program, but a fuse wire (version 1, every fuse on) to be flipped. */
function placeholderElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(`placeholder for Electron\n${FUSE_SENTINEL}`),
    Buffer.from([1, FUSE_COUNT]),
    Buffer.from('1'.repeat(FUSE_COUNT)),
  ]);
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
}

/** Runs electron-builder's Linux `dir` target from the repository's config; needs `npm run build`. */
export async function packUnpacked(): Promise<UnpackedApp> {
  const work = mkdtempSync(join(tmpdir(), 'federator-package-'));
  const electronDist = join(work, 'electron');
  const output = join(work, 'dist');
  placeholderElectron(electronDist);
  await build({
    projectDir: repo,
    targets: Platform.LINUX.createTarget('dir'),
    // Native modules stay as installed: no rebuild against an Electron that is not there.
    config: { electronDist, directories: { output }, npmRebuild: false },
  });
  const appDir = join(output, 'linux-unpacked');
  return {
    asar: join(appDir, 'resources', 'app.asar'),
    executable: join(appDir, 'federator'),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

export interface AsarFile {
  path: string; // as in the archive: /node_modules/sql.js/dist/sql-wasm.wasm
  size: number;
}

export function asarFiles(asar: string): AsarFile[] {
  return listPackage(asar, { isPack: false }).flatMap((path) => {
    const entry = statFile(asar, path.slice(1), false);
    return 'size' in entry && typeof entry.size === 'number' ? [{ path, size: entry.size }] : [];
  });
}

/** Bytes per top-level part: /out/renderer, /node_modules/zod … */
export function sizesByPart(files: AsarFile[]): [string, number][] {
  const parts = new Map<string, number>();
  for (const { path, size } of files) {
    const segments = path.split('/');
    const depth = segments[2]?.startsWith('@') ? 4 : 3;
    const part = segments.slice(0, depth).join('/');
    parts.set(part, (parts.get(part) ?? 0) + size);
  }
  return [...parts].sort((a, b) => b[1] - a[1]);
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const app = await packUnpacked();
  try {
    const files = asarFiles(app.asar);
    console.log(`app.asar: ${mb(statSync(app.asar).size)}, ${files.length} files`);
    for (const [part, size] of sizesByPart(files).slice(0, 12))
      console.log(`  ${mb(size)}  ${part}`);
    const sqlJs = files.filter((file) => file.path.startsWith('/node_modules/sql.js/dist/'));
    console.log(`sql.js builds: ${sqlJs.map((file) => file.path.split('/').pop()).join(', ')}`);
  } finally {
    app.remove();
  }
}
