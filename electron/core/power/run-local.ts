import { spawn } from 'node:child_process';
import { IPMITOOL_DEADLINE_MS, type IpmitoolRun } from './ipmitool';

const MAX_OUTPUT = 64 * 1024;

/**
 * Run ipmitool on the console's machine. The password goes in the child's environment only
 * (IPMI_PASSWORD, read by `-E`): never in its arguments, which every user sees in `ps`, while a
 * process's environment is readable by its own user and root alone.
 */
export function runIpmitoolLocally(
  argv: readonly string[],
  password: string,
  deadlineMs = IPMITOOL_DEADLINE_MS,
): Promise<IpmitoolRun> {
  const [program = 'ipmitool', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', IPMI_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
    });
  });
}
