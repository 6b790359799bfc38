import { dirname, basename, join } from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';
import { AppError } from '../../../shared/errors';
import { expandHome, type ImportEnv } from './import-env';
import type { ImportedHost, ImportReading } from './imported-host';

/** Include depth and file count past which an import stops following (loops, runaway globs). */
const MAX_INCLUDE_DEPTH = 8;
const MAX_FILES = 64;

/**
 * Hosts from OpenSSH's client config, read with a kept parser (ssh-config). Only concrete `Host`
 * names are imported (patterns only lend their settings); `Match` blocks are skipped with a note
 * and never evaluated (a `Match exec` would run a command); `ProxyCommand` is never run. `Include`
 * is followed here (the parser does not), relative to ~/.ssh as OpenSSH does, bounded.
 */
export async function readSshConfig(
  text: string,
  origin: string,
  env: ImportEnv,
): Promise<ImportReading> {
  const notes: string[] = [];
  const read = [origin];
  const config = parse(text, origin);
  await followIncludes(config, env, 1, { read, notes }, true);
  dropMatchBlocks(config, notes);
  const aliases = concreteAliases(config, notes);
  const hosts = aliases.map((alias) =>
    hostFrom(alias, config.compute(alias, { ignoreCase: true, matchExec: false }), env),
  );
  if (aliases.length === 0)
    notes.push('No concrete Host entries found (patterns alone are not hosts)');
  return { read, notes, hosts };
}

function parse(text: string, origin: string): SSHConfig {
  try {
    return SSHConfig.parse(text);
  } catch (thrown) {
    throw new AppError('invalid-request', `Couldn't read ${origin} as an SSH config`, {
      detail: thrown instanceof Error ? thrown.message : String(thrown),
    });
  }
}

function values(line: Line): string[] {
  if (line.type !== LineType.DIRECTIVE) return [];
  return typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val);
}

/**
 * Replace each Include with the lines of the files it names. An Include inside a Host block keeps
 * the included file's leading settings in that block; the Host blocks the file defines are hoisted
 * after it (OpenSSH starts a new block at each Host line, wherever it was read).
 */
async function followIncludes(
  config: Line[],
  env: ImportEnv,
  depth: number,
  state: { read: string[]; notes: string[] },
  top = false,
): Promise<Line[]> {
  const hoisted: Line[] = [];
  for (let i = 0; i < config.length; i++) {
    const line = config[i];
    if (line === undefined || line.type !== LineType.DIRECTIVE) continue;
    if ('config' in line) {
      const blocks = await followIncludes(line.config, env, depth, state);
      config.splice(i + 1, 0, ...blocks);
      continue;
    }
    if (line.param.toLowerCase() !== 'include') continue;
    const included: Line[] = [];
    for (const pattern of values(line)) {
      const path = expandHome(pattern, env.home, join(env.home, '.ssh'));
      for (const file of await expandGlob(path, env, state.notes)) {
        const child = await includeFile(file, env, depth, state);
        const firstBlock = child.findIndex((l) => l.type === LineType.DIRECTIVE && 'config' in l);
        if (firstBlock < 0) included.push(...child);
        else {
          included.push(...child.slice(0, firstBlock));
          hoisted.push(...child.slice(firstBlock));
        }
      }
    }
    config.splice(i, 1, ...included);
    i += included.length - 1;
  }
  if (top) {
    config.push(...hoisted);
    return [];
  }
  return hoisted;
}

async function includeFile(
  file: string,
  env: ImportEnv,
  depth: number,
  state: { read: string[]; notes: string[] },
): Promise<Line[]> {
  if (depth > MAX_INCLUDE_DEPTH) {
    state.notes.push(`Include ${file} not followed: more than ${MAX_INCLUDE_DEPTH} levels deep`);
    return [];
  }
  if (state.read.length >= MAX_FILES) {
    state.notes.push(`Include ${file} not followed: more than ${MAX_FILES} files`);
    return [];
  }
  let text: string;
  try {
    text = await env.readFile(file);
  } catch (thrown) {
    state.notes.push(`Include ${file} skipped: ${AppError.from(thrown).message}`);
    return [];
  }
  state.read.push(file);
  const child = parse(text, file);
  const blocks = await followIncludes(child, env, depth + 1, state);
  return [...child, ...blocks];
}

/** OpenSSH globs Include paths; here `*` and `?` in the file name part, as people write them. */
async function expandGlob(path: string, env: ImportEnv, notes: string[]): Promise<string[]> {
  if (!/[*?[]/.test(path)) return [path];
  const dir = dirname(path);
  if (/[*?[]/.test(dir)) {
    notes.push(`Include ${path} not followed: wildcards in folder names are not supported`);
    return [];
  }
  const re = new RegExp(
    `^${basename(path)
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return (await env.listDir(dir))
    .filter((name) => re.test(name) && !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
}

function dropMatchBlocks(config: Line[], notes: string[]): void {
  const skipped = config.filter(
    (line) => line.type === LineType.DIRECTIVE && line.param.toLowerCase() === 'match',
  );
  for (const line of skipped) {
    notes.push(`Match ${values(line).join(' ')} skipped: Match blocks are not evaluated on import`);
    config.splice(config.indexOf(line), 1);
  }
}

function concreteAliases(config: Line[], notes: string[]): string[] {
  const aliases: string[] = [];
  const patterns: string[] = [];
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    for (const name of values(line)) {
      if (/[*?!]/.test(name)) patterns.push(name);
      else if (!aliases.includes(name)) aliases.push(name);
    }
  }
  if (patterns.length > 0) {
    notes.push(
      `Patterns not imported as hosts (their settings apply to the hosts they match): ${patterns.join(', ')}`,
    );
  }
  return aliases;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** OpenSSH's tokens that can be known without connecting: %h %p %r %u %d %%. */
function expandTokens(value: string, tokens: Record<string, string>): string {
  return value.replace(/%([%hprud])/g, (_m, t: string) =>
    t === '%' ? '%' : (tokens[t] ?? `%${t}`),
  );
}

function hostFrom(
  alias: string,
  c: Record<string, string | string[]>,
  env: ImportEnv,
): ImportedHost {
  const notes: string[] = [];
  let importable = true;
  const address = expandTokens(first(c.hostname) ?? alias, { h: alias });
  const portText = first(c.port) ?? '22';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    notes.push(`Port ${portText} is not a port number`);
    importable = false;
  }
  let user = first(c.user);
  if (user === undefined) {
    user = env.user;
    notes.push(`No User: connecting as ${user}, as ssh would`);
  }
  const tokens = { h: address, p: String(port), r: user, u: env.user, d: env.home };
  const keys = c.identityfile === undefined ? [] : [c.identityfile].flat();
  const keyPath =
    keys[0] === undefined ? undefined : expandHome(expandTokens(keys[0], tokens), env.home);
  if (keys.length > 1) notes.push(`${keys.length} IdentityFile entries: the first is used`);
  if (keyPath === undefined) notes.push('No IdentityFile: ssh-agent is used');
  const proxyJump = first(c.proxyjump);
  if (first(c.proxycommand) !== undefined) {
    notes.push('ProxyCommand is never run by an import: set a jump host after adding it if needed');
  }
  return {
    key: alias,
    name: alias,
    address,
    port: importable ? port : 22,
    user,
    ...(keyPath === undefined ? {} : { keyPath }),
    labels: {},
    ...(proxyJump === undefined || proxyJump.toLowerCase() === 'none'
      ? {}
      : { jumpSpec: proxyJump }),
    notes,
    importable,
    selectable: first(c.proxycommand) === undefined,
  };
}
