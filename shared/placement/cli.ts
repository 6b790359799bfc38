/**
 * `npm run place -- FILE [options]`: reads a placement input (JSON, see README.md), writes the plan
 * as JSON to stdout. The one file of shared/placement allowed to touch Node (files, process).
 *
 * Exit codes: 0 every VM placed; 1 some VMs unplaced (see `unplaced`); 2 bad input or usage (the
 * message names the field); 3 the independent checker found a broken rule in the plan (a bug).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkPlan } from './checker';
import { evacuate } from './evacuate';
import { PlacementInputError } from './input-error';
import { parsePlacementInput } from './input-schema';
import { place } from './place';
import type { PlacementPlan } from './plan-types';
import { rebalance } from './rebalance';
import { planWithWords } from '../words/plan-words';

const USAGE = `usage: npm run place -- FILE [--evacuate HOST[,HOST…]] [--rebalance] [--max-moves N]
                       [--no-explain] [--check PLAN] [--pretty]
  FILE       placement input (JSON), - for stdin
  --evacuate empty these hosts        --rebalance  improve the fleet in the policy's mode
  --check    validate PLAN (JSON) against FILE instead of computing a plan`;

/** Where the CLI reads and writes; the real process in production, buffers in tests. */
export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Args {
  file: string;
  evacuate?: string[];
  rebalance: boolean;
  maxMoves?: number;
  explain: boolean;
  check?: string;
  pretty: boolean;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const input = parsePlacementInput(readJson(io, args.file, 'input'));
    if (args.check !== undefined) {
      const report = checkPlan(input, readJson(io, args.check, 'plan') as PlacementPlan);
      io.stdout(JSON.stringify(report, null, args.pretty ? 2 : undefined) + '\n');
      return report.ok ? 0 : 1;
    }
    const options = { explain: args.explain };
    const plan =
      args.evacuate !== undefined
        ? evacuate(input, { ...options, hosts: args.evacuate })
        : args.rebalance
          ? rebalance(input, {
              ...options,
              ...(args.maxMoves === undefined ? {} : { maxMoves: args.maxMoves }),
            })
          : place(input, options);
    // The plan's reasons are data; the command line prints them with their words alongside.
    io.stdout(JSON.stringify(planWithWords(plan), null, args.pretty ? 2 : undefined) + '\n');
    const report = checkPlan(input, plan);
    if (!report.ok) {
      io.stderr(
        `checker: the plan breaks rules (engine bug):\n${report.violations.map((v) => `  ${v.message}`).join('\n')}\n`,
      );
      return 3;
    }
    return plan.unplaced.length === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof PlacementInputError) {
      io.stderr(`bad input: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function readJson(io: CliIo, path: string, what: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new PlacementInputError('', `cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PlacementInputError('', `${what} ${path} is not JSON: ${(e as Error).message}`);
  }
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { file: '', rebalance: false, explain: true, pretty: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--evacuate')
      args.evacuate = value()
        .split(',')
        .filter((h) => h !== '');
    else if (a === '--rebalance') args.rebalance = true;
    else if (a === '--max-moves') {
      args.maxMoves = Number(value());
      if (!Number.isInteger(args.maxMoves) || args.maxMoves < 0)
        throw new Error('--max-moves: expected an integer ≥ 0');
    } else if (a === '--no-explain') args.explain = false;
    else if (a === '--check') args.check = value();
    else if (a === '--pretty') args.pretty = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (args.file === '') args.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (args.file === '') throw new Error('missing input FILE');
  if (args.evacuate !== undefined && args.rebalance)
    throw new Error('--evacuate and --rebalance exclude each other');
  return args;
}

const processIo: CliIo = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runCli(process.argv.slice(2), processIo);
}
