import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

const require = createRequire(import.meta.url);
const realElectronDir = dirname(require.resolve('electron/package.json'));
const repoNodeModules = join(realElectronDir, '..');

/**
 * A copy of the electron package with no binary, inside the repository's node_modules/.cache so
 * that its install.js still finds @electron/get: Electron's own fetch runs for real, but writes
 * dist/ and path.txt here instead of into the installed package.
 */
export function electronPackageWithoutBinary(): { dir: string; remove: () => void } {
  const cache = join(repoNodeModules, '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'federator-electron-'));
  const dir = join(root, 'electron');
  mkdirSync(dir);
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    copyFileSync(join(realElectronDir, file), join(dir, file));
  }
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The executable's path inside Electron's zip, as install.js names it per platform. */
export function platformExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

export interface Mirror {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

/**
 * A loopback Electron mirror: `zip` answers every *.zip request and SHASUMS256.txt vouches for it
 * under whatever name was asked; `silent` accepts connections and never answers.
 */
export async function startMirror(
  kind: 'zip' | 'silent',
  zip: Uint8Array = new Uint8Array(),
): Promise<Mirror> {
  const requests: string[] = [];
  const sha = createHash('sha256').update(zip).digest('hex');
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    if (kind === 'silent') return;
    if (path.endsWith('SHASUMS256.txt')) {
      const name = `electron-v${electronVersion()}-${process.platform}-${process.arch}.zip`;
      response.end(`${sha} *${name}\n`);
    } else if (path.endsWith('.zip')) {
      response.end(zip);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on (just freed): connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function electronVersion(): string {
  return (require(join(realElectronDir, 'package.json')) as { version: string }).version;
}

/** A stored (uncompressed) zip of the given files: enough for Electron's extractor. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
