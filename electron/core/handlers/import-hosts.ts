import type { ParsedRequestOf } from '../../../shared/contract/requests';
import type { HostConfig } from '../../../shared/domain/host';
import type { ImportHostsResult, ImportPreview } from '../../../shared/domain/host-import';
import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { readAnsibleInventory } from '../import/ansible-import';
import { expandHome, type ImportEnv } from '../import/import-env';
import { resolveImport } from '../import/resolve-import';
import { readSshConfig } from '../import/ssh-config-import';
import {
  configFrom,
  newHostId,
  refuseBadJumpHost,
  refuseTakenEndpoint,
  storeAndAttach,
} from './add-host';
import { attempt, type CoreContext } from '../context/core-context';

/** hosts:import-preview: read the file (or the pasted text); nothing is added. */
export function previewImport(
  ctx: CoreContext,
  env: ImportEnv,
  req: ParsedRequestOf<'hosts:import-preview'>,
): Promise<ImportPreview> {
  const what = req.source === 'ssh-config' ? 'SSH config' : 'Ansible inventory';
  return attempt(`Couldn't read the ${what}`, async () => {
    const path = req.path ? expandHome(req.path, env.home, process.cwd()) : undefined;
    const text = req.text ? req.text : await env.readFile(path ?? '');
    const origin = req.text ? 'pasted text' : (path ?? '');
    const reading =
      req.source === 'ssh-config'
        ? await readSshConfig(text, origin, env)
        : readAnsibleInventory(text, origin, env);
    return resolveImport(
      req.source,
      reading,
      ctx.hosts.all().map((e) => e.config),
    );
  });
}

/**
 * hosts:import: add the checked hosts, jump hosts of the import first, each as hosts:add would
 * (same checks, same first connection). One host's refusal does not stop the others; each
 * attempt is waited on together, so the window can show every fingerprint in one list.
 */
export async function importHosts(
  ctx: CoreContext,
  req: ParsedRequestOf<'hosts:import'>,
): Promise<ImportHostsResult> {
  const ids = new Map<string, HostId>();
  const result: ImportHostsResult = { added: [], failed: [] };
  const ordered = [...req.hosts].sort(
    (a, b) => Number(a.jump?.key !== undefined) - Number(b.jump?.key !== undefined),
  );
  for (const host of ordered) {
    try {
      await attempt(`Couldn't add host ${host.name}`, async () => {
        let jumpHostId = host.jump?.hostId;
        if (host.jump?.key !== undefined) {
          jumpHostId = ids.get(host.jump.key);
          if (jumpHostId === undefined) {
            throw new AppError(
              'invalid-request',
              `its jump host ${host.jump.name} is not added with it (check it too)`,
            );
          }
        }
        const request = {
          name: host.name,
          address: host.address,
          port: host.port,
          user: host.user,
          ...(host.keyPath === undefined ? {} : { keyPath: host.keyPath }),
          uri: req.uri,
          labels: host.labels,
          ...(jumpHostId === undefined ? {} : { jumpHostId }),
        };
        refuseTakenEndpoint(ctx, request);
        refuseBadJumpHost(ctx, request);
        const config: HostConfig = configFrom(request, newHostId(host.name));
        await storeAndAttach(ctx, config);
        ids.set(host.key, config.id);
        result.added.push({ key: host.key, hostId: config.id });
      });
    } catch (thrown) {
      result.failed.push({
        key: host.key,
        name: host.name,
        message: AppError.from(thrown).message,
      });
    }
  }
  await Promise.allSettled(
    result.added.map((a) => ctx.hosts.waitSettled(a.hostId, 0, ctx.settleTimeoutMs)),
  );
  if (result.added.length > 0) {
    ctx.log.append({
      level: 'info',
      message: `Imported ${result.added.length} host(s): ${result.added.map((a) => a.key).join(', ')}`,
    });
  }
  return result;
}
