import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LogEntry } from '../../shared/domain/log';
import { AppError } from '../../shared/errors';
import { createCore } from '../core/core';
import { createRouter } from '../core/router';
import { parseCliArgs, USAGE } from './cli-args';
import { startWebServer, type WebServer } from './server';

// `npm run web`: the console in a browser. The window is the one `npm run build` put in out/renderer.
const STATIC_ROOT = resolve(import.meta.dirname, '../../out/renderer');

async function main(): Promise<number | undefined> {
  const args = parseCliArgs(process.argv.slice(2), process.env, homedir(), process.cwd());
  if (args.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(join(STATIC_ROOT, 'index.html'))) {
    process.stderr.write(
      `Warning: ${STATIC_ROOT} has no index.html; run \`npm run build\` first.\n`,
    );
  }
  const core = createCore({
    dataDir: args.dataDir,
    demoByDefault: args.demo,
    onLog: printLog,
    ...(args.demoFleet ? { demo: { fleet: args.demoFleet } } : {}),
    ...(args.autoRecoveryGraceMs === undefined
      ? {}
      : { autoRecoveryGraceMs: args.autoRecoveryGraceMs }),
  });
  await core.start();
  let server: WebServer;
  try {
    const serve = (port: number) =>
      startWebServer({
        router: createRouter(core.handlers),
        events: core.events,
        staticRoot: STATIC_ROOT,
        port,
        onClientProblem: (message) => printLog({ at: Date.now(), level: 'warning', message }),
      });
    server = await serve(args.port).catch((error: unknown) => {
      if (args.portGiven || !isAddressInUse(error)) throw error;
      process.stderr.write(`Port ${args.port} is taken; using a free port instead.\n`);
      return serve(0);
    });
  } catch (error) {
    await core.stop();
    throw error;
  }
  process.stdout.write(`Federator web console: ${server.url}\n`);
  // For scripts and tests: one line, one JSON object, printed once the console answers.
  process.stdout.write(
    `FEDERATOR_READY ${JSON.stringify({ url: server.url, port: server.port, dataDir: args.dataDir })}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130); // a second Ctrl-C: the admin wants out now
    stopping = true;
    process.stderr.write(`${signal}: stopping the console…\n`);
    server
      .close()
      .then(() => core.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Stopping failed: ${AppError.from(error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

function printLog(entry: Pick<LogEntry, 'at' | 'level' | 'message'>): void {
  const time = new Date(entry.at).toISOString().slice(11, 19);
  process.stderr.write(`${time} ${entry.level.padEnd(7)} ${entry.message}\n`);
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Federator web console could not start: ${AppError.from(error).message}\n`,
    );
    process.exit(1);
  },
);
