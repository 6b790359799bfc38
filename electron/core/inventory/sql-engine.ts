import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

const require = createRequire(import.meta.url);
let engine: Promise<SqlJsStatic> | undefined;

/**
 * SQLite compiled to WebAssembly: nothing native to rebuild for Electron's ABI. The wasm is resolved
 * through the package itself, so tsx, vitest and the Electron bundle (which keeps sql.js external, in
 * node_modules or app.asar) all find the same file.
 */
export function loadSqlEngine(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const bytes = await readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return initSqlJs({ wasmBinary });
  })().catch((error: unknown) => {
    engine = undefined; // let a later call try again
    throw error;
  });
  return engine;
}
