import type { VolumeStepData } from '../../../shared/domain/create-vm';
import type { PlanStep } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { createRefusalWords } from '../../../shared/words/create-words';
import type { VolumeOperations } from '../hypervisor/hypervisor-driver';
import type { HostOperations } from '../hosts/host-link';
import { keptFor, userNow } from '../plans/disk-guards';
import { hostName } from '../plans/plan-hosts';
import { hostOps, type StepEnv, type StepResult } from '../plans/step-env';

/**
 * Volume steps of a create or clone plan (and of their undo). The VM list says nothing of volumes,
 * so each step lists the pool first. A volume of the new name already there is refused, never
 * taken as ours: it may be another VM's disk (two plans for one name, approved one after the
 * other), and an undo would then delete it. The cost: a console killed in the middle of vol-create
 * leaves that volume behind on resume, and the plan says so. A delete finding it gone is done; one
 * finding a domain of its host naming it (defined since the plan was made) keeps it and says so.
 */

export async function volumeCreateStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { volumes, volume } = await volumeOps(step, env);
  if (await listed(volumes, volume)) throw taken(step, env, volume);
  if (volume.capacityBytes === undefined) {
    throw new AppError('invalid-request', 'the step gives no size for the new volume');
  }
  await volumes.create(volume.pool, {
    name: volume.name,
    capacityBytes: volume.capacityBytes,
    format: volume.format ?? 'qcow2',
  });
  return {};
}

export async function volumeCloneStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { volumes, volume } = await volumeOps(step, env);
  if (volume.source === undefined)
    throw new AppError('invalid-request', 'the step names no volume to copy');
  if (await listed(volumes, volume)) throw taken(step, env, volume);
  await volumes.clone(volume.pool, volume.source, volume.name);
  return {};
}

export async function volumeDeleteStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  const { ops, volumes, volume } = await volumeOps(step, env);
  if (!(await listed(volumes, volume))) return { note: 'already gone' };
  // The plan decided from its view; a domain defined (or moved back) here since may name it now.
  const user = await userNow(ops, volume);
  if (user !== undefined) return { note: keptFor(volume, user) };
  await volumes.remove(volume.pool, volume.name);
  return {};
}

function taken(step: PlanStep, env: StepEnv, volume: VolumeStepData): AppError {
  const host = hostName(env.hosts, step.hostId);
  return new AppError(
    'conflict',
    createRefusalWords({ code: 'volume-taken', pool: volume.pool, volume: volume.name, host }),
    { hostId: step.hostId },
  );
}

async function listed(volumes: VolumeOperations, volume: VolumeStepData): Promise<boolean> {
  return (await volumes.list(volume.pool)).some((v) => v.name === volume.name);
}

async function volumeOps(
  step: PlanStep,
  env: StepEnv,
): Promise<{ ops: HostOperations; volumes: VolumeOperations; volume: VolumeStepData }> {
  const volume = step.volume;
  if (volume === undefined) throw new AppError('invalid-request', 'the step names no volume');
  const ops = await hostOps(env, step.hostId);
  if (ops.volumes === undefined) {
    throw new AppError(
      'invalid-request',
      `${hostName(env.hosts, step.hostId)} offers no storage volumes`,
      { hostId: step.hostId },
    );
  }
  return { ops, volumes: ops.volumes, volume };
}
