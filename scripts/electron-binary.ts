import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Electron 45's package installs no binary: its index.js fetches one the first time it is required
 * (its own install.js, into dist/ with path.txt beside it). electron-vite 6 never requires it: it
 * reads path.txt and gives up with "Electron uninstall". So `npm start` and `npm run dev` fetch the
 * binary here first, through Electron's own install.js, and when that cannot work they say why in
 * one sentence that offers the web console instead.
 */
export type EnsureResult =
  { ok: true; via: 'exec-path' | 'installed' | 'fetched' } | { ok: false; sentence: string };

export interface EnsureOptions {
  /** The electron package folder (where index.js, install.js and path.txt live). */
  electronDir: string;
  env: NodeJS.ProcessEnv;
  /** A download that takes longer than this is stopped: a silent network must not hang a start. */
  timeoutMs?: number;
  /** Where progress lines go (the sentence is returned, not printed). */
  log?: (line: string) => void;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000; // ~100 MB on a slow link
const PROBE_TIMEOUT_MS = 5_000;
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const WEB_OFFER = 'or run `npm run web` to use the same console in a browser';

export async function ensureElectronBinary(options: EnsureOptions): Promise<EnsureResult> {
  const { electronDir, env } = options;
  if (env.ELECTRON_EXEC_PATH) return { ok: true, via: 'exec-path' };
  if (isInstalled(electronDir)) return { ok: true, via: 'installed' };
  const version = electronVersion(electronDir);
  const needs = `Federator's window needs the Electron ${version} binary`;
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    return {
      ok: false,
      sentence: `${needs}, which is not installed and was not fetched because ELECTRON_SKIP_BINARY_DOWNLOAD is set: unset it and run the command again, ${WEB_OFFER}.`,
    };
  }
  const mirror = mirrorOf(env);
  const host = hostOf(mirror);
  options.log?.(`Fetching the Electron ${version} binary from ${host} (once, about 100 MB)…`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const run = await runInstall(electronDir, env, timeoutMs);
  if (run.code === 0 && isInstalled(electronDir)) return { ok: true, via: 'fetched' };
  const why = run.timedOut
    ? `it did not finish within ${Math.round(timeoutMs / 1000)} s`
    : await failureReason(run.stderr, mirror);
  return {
    ok: false,
    sentence: `${needs} and fetching it from ${host} failed (${why}): run the command again once this machine can reach ${host}, ${WEB_OFFER}.`,
  };
}

/** What electron-vite needs: path.txt naming an executable that exists under dist/. */
export function isInstalled(electronDir: string): boolean {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const executable = readFileSync(pathFile, 'utf8').trim();
  return executable !== '' && existsSync(join(electronDir, 'dist', executable));
}

function electronVersion(electronDir: string): string {
  const pkg = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '(unknown version)';
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** The same settings @electron/get reads for its download base, in its order. */
export function mirrorOf(env: NodeJS.ProcessEnv): string {
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    DEFAULT_MIRROR
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

interface InstallRun {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

function runInstall(
  electronDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<InstallRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: error.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/**
 * install.js prints only "TypeError: fetch failed" for a network error (the cause is not in the
 * stack it prints), so the mirror is asked once more, briefly, for the words: "getaddrinfo
 * ENOTFOUND github.com", "connect ECONNREFUSED …".
 */
async function failureReason(stderr: string, mirror: string): Promise<string> {
  const first =
    stderr
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'no error printed';
  if (!/fetch failed/i.test(first)) return first;
  try {
    await fetch(mirror, { method: 'HEAD', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return first;
  } catch (error) {
    return networkWords(error) ?? first;
  }
}

function networkWords(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer';
  return undefined;
}
