import { randomBytes } from 'node:crypto';
import { parseError } from './parse-error';

/**
 * virsh runs several commands in one invocation ("list …; domstats …"): one exec, one libvirt
 * connection and one round trip instead of several. Their outputs are told apart by a separator
 * line made fresh for each call, so that nothing a guest's XML or name contains can forge it.
 */
export interface VirshBatch {
  /** The single virsh argument holding every command, joined by `echo <separator>`. */
  script: string;
  split(stdout: string): string[];
}

export function virshBatch(commands: readonly string[], label: string): VirshBatch {
  const separator = `@@federator-${randomBytes(8).toString('hex')}@@`;
  return {
    script: commands.join(`; echo ${separator}; `),
    split(stdout: string): string[] {
      const sections: string[][] = [[]];
      for (const line of stdout.split('\n')) {
        if (line === separator) sections.push([]);
        else sections.at(-1)?.push(line);
      }
      if (sections.length !== commands.length) {
        throw parseError(
          label,
          `expected ${commands.length} sections, got ${sections.length}`,
          stdout,
        );
      }
      return sections.map((lines) => lines.join('\n'));
    },
  };
}

/** virsh keeps going after a failed command in a batch and exits 0: its stderr tells the truth. */
export function virshErrors(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('error:'))
    .map((line) => line.slice('error:'.length).trim());
}

/**
 * libvirt's own reason, without virsh's "Failed to start domain 'x'" preamble, which would only
 * repeat what our message already says (and show a UUID where the admin knows a name).
 */
export function libvirtReason(stderr: string): string {
  const errors = virshErrors(stderr);
  const reasons = errors.filter((line) => !/^Failed to \w+ domain\b/.test(line));
  const chosen = reasons.length > 0 ? reasons : errors;
  return chosen.length > 0 ? chosen.join('; ') : stderr.trim() || 'no message from libvirt';
}
