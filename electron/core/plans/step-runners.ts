import type { PlanStep, StepKind } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { migrateStep } from './migrate-step';
import { hostName } from './plan-hosts';
import type { StepEnv, StepResult } from './step-env';
import {
  defineStep,
  destroyStep,
  resumeStep,
  setMetadataStep,
  shutdownStep,
  startStep,
  suspendStep,
  undefineStep,
} from './vm-steps';
import {
  snapshotCreateStep,
  snapshotDeleteStep,
  snapshotRevertStep,
} from '../snapshots/snapshot-steps';
import { volumeCloneStep, volumeCreateStep, volumeDeleteStep } from '../create/volume-steps';

const RUNNERS: Record<StepKind, (step: PlanStep, env: StepEnv) => Promise<StepResult>> = {
  define: defineStep,
  start: startStep,
  shutdown: shutdownStep,
  destroy: destroyStep,
  undefine: undefineStep,
  migrate: migrateStep,
  'set-metadata': setMetadataStep,
  suspend: suspendStep,
  resume: resumeStep,
  'snapshot-create': snapshotCreateStep,
  'snapshot-revert': snapshotRevertStep,
  'snapshot-delete': snapshotDeleteStep,
  'volume-create': volumeCreateStep,
  'volume-clone': volumeCloneStep,
  'volume-delete': volumeDeleteStep,
};

const VERBS: Record<StepKind, string> = {
  define: 'define',
  start: 'start',
  shutdown: 'shut down',
  destroy: 'force off',
  undefine: 'remove',
  migrate: 'migrate',
  'set-metadata': 'tag',
  suspend: 'pause',
  resume: 'resume',
  'snapshot-create': 'take a snapshot of',
  'snapshot-revert': 'revert',
  'snapshot-delete': 'delete a snapshot of',
  'volume-create': 'create the disk of',
  'volume-clone': 'copy a disk for',
  'volume-delete': 'delete a disk of',
};

/**
 * Run one step on its host. Whatever fails comes back as an AppError that names the action and
 * the VM ("Couldn't start web-1 on hv2: …"), libvirt's own words kept in `detail`.
 */
export async function runStep(step: PlanStep, env: StepEnv): Promise<StepResult> {
  try {
    return await RUNNERS[step.kind](step, env);
  } catch (thrown) {
    const error = AppError.from(thrown);
    const where =
      step.kind === 'migrate' && step.targetHostId !== undefined
        ? `from ${hostName(env.hosts, step.hostId)} to ${hostName(env.hosts, step.targetHostId)}`
        : `on ${hostName(env.hosts, step.hostId)}`;
    throw new AppError(
      error.code,
      `Couldn't ${VERBS[step.kind]} ${step.vmName}${snapshotOf(step)} ${where}: ${withoutAction(error.message)}`,
      {
        hostId: error.hostId ?? step.hostId,
        retryable: error.retryable,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
      },
    );
  }
}

/** " to “before upgrade”", " (“before upgrade”)": which snapshot a snapshot step failed on. */
function snapshotOf(step: PlanStep): string {
  if (step.volume !== undefined) return ` (volume “${step.volume.name}”)`;
  const name = step.snapshot?.name;
  if (name === undefined) return '';
  return step.kind === 'snapshot-revert' ? ` to snapshot “${name}”` : ` (“${name}”)`;
}

/** The driver names its own action ("Couldn't start VM '<uuid>' on hv3: …"); ours says it by name. */
function withoutAction(message: string): string {
  return message.replace(/^Couldn't [^:]*: /, '');
}
