import { XMLBuilder } from 'fast-xml-parser';
import { MAX_POOL_VOLUMES, type PoolVolume } from '../../../../shared/domain/create-vm';
import { AppError } from '../../../../shared/errors';
import type { ExecResult } from '../../ssh/remote-shell';
import type { NewVolume, VolumeOperations } from '../hypervisor-driver';
import { run, virsh, type DriverContext } from './driver-context';
import { missingProgramError } from './shell-failure';
import { libvirtReason } from './virsh-batch';

/**
 * The volume XML travels on stdin into a private temporary file that virsh reads (as for define):
 * nothing of it is on a command line. The script is fixed; the URI and the pool come as "$1", "$2".
 */
const CREATE_FROM_STDIN =
  'f=$(mktemp) || exit 125; ' +
  'cat >"$f" && virsh -c "$1" vol-create --pool "$2" --file "$f" >/dev/null; ' +
  'rc=$?; rm -f "$f"; exit $rc';

const NO_VOLUME = /Storage volume not found|no storage vol with matching/i;

/** A pool's volumes over this host's virsh: pool and volume names are each their own argument. */
export function libvirtVolumes(ctx: DriverContext): VolumeOperations {
  return {
    async list(pool) {
      const result = await run(
        ctx,
        virsh(ctx, 'vol-list', '--pool', pool),
        ctx.timeouts.queryMs,
        `list the volumes of pool '${pool}'`,
      );
      if (result.code !== 0)
        throw failure(ctx, `Couldn't list the volumes of pool '${pool}'`, result);
      return parseVolumeList(result.stdout, pool);
    },
    async create(pool, spec) {
      const what = `Couldn't create volume '${spec.name}' in pool '${pool}' on ${ctx.hostName}`;
      const result = await run(
        ctx,
        ['sh', '-c', CREATE_FROM_STDIN, 'sh', ctx.uri, pool],
        ctx.timeouts.actionMs,
        `create volume '${spec.name}'`,
        { stdin: volumeXml(spec) },
      );
      if (result.code !== 0) throw failure(ctx, what, result);
    },
    async clone(pool, source, name) {
      const what = `Couldn't copy volume '${source}' to '${name}' in pool '${pool}' on ${ctx.hostName}`;
      const result = await run(
        ctx,
        virsh(ctx, 'vol-clone', '--pool', pool, '--vol', source, '--newname', name),
        // A copy of a big disk takes as long as the disk: the migration's bound, not an action's.
        ctx.timeouts.migrateMs,
        `copy volume '${source}'`,
      );
      if (result.code !== 0) throw failure(ctx, what, result);
    },
    async remove(pool, name) {
      const what = `Couldn't delete volume '${name}' of pool '${pool}' on ${ctx.hostName}`;
      const result = await run(
        ctx,
        virsh(ctx, 'vol-delete', '--pool', pool, '--vol', name),
        ctx.timeouts.actionMs,
        `delete volume '${name}'`,
      );
      if (result.code === 0 || NO_VOLUME.test(result.stderr)) return;
      throw failure(ctx, what, result);
    },
  };
}

/** `<volume>` for vol-create, written by an XML writer: the name is data, whatever it holds. */
export function volumeXml(spec: NewVolume): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
  });
  return builder.build({
    volume: {
      name: spec.name,
      capacity: { '@_unit': 'bytes', '#text': String(spec.capacityBytes) },
      // qcow2 grows as written; a raw file is made sparse by the pool.
      allocation: { '@_unit': 'bytes', '#text': '0' },
      target: { format: { '@_type': spec.format } },
    },
  });
}

/**
 * `virsh vol-list --pool P`: a header (` Name   Path`), a rule, then one row per volume, the name
 * column padded to the widest name. The path starts where the header's "Path" does; a row that
 * does not fit that (a name wider than the terminal's idea of it) is split before its last " /".
 */
export function parseVolumeList(stdout: string, pool: string): PoolVolume[] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((line) => /^\s*Name\s+Path\s*$/.test(line));
  if (header < 0) return [];
  const column = lines[header]!.indexOf('Path');
  const volumes: PoolVolume[] = [];
  for (const line of lines.slice(header + 2)) {
    if (line.trim() === '') continue;
    if (volumes.length >= MAX_POOL_VOLUMES) break;
    let name: string;
    let path: string;
    if (line.length > column && line[column - 1] === ' ' && line[column] === '/') {
      name = line.slice(0, column).replace(/^ /, '').replace(/\s+$/, '');
      path = line.slice(column).trim();
    } else {
      const split = line.lastIndexOf(' /');
      if (split < 0) {
        name = line.trim();
        path = '';
      } else {
        name = line.slice(0, split).replace(/^ /, '').replace(/\s+$/, '');
        path = line.slice(split + 1).trim();
      }
    }
    if (name === '') continue;
    volumes.push({
      pool,
      name: name.slice(0, 1024),
      ...(path === '' ? {} : { path: path.slice(0, 4096) }),
    });
  }
  return volumes;
}

function failure(ctx: DriverContext, what: string, result: ExecResult): AppError {
  const missing = missingProgramError(ctx, result);
  if (missing !== undefined) return missing;
  return new AppError('command-failed', `${what}: ${libvirtReason(result.stderr)}`, {
    hostId: ctx.hostId,
    detail: result.stderr.trim() || `virsh exited with code ${String(result.code)}`,
  });
}
