import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
// The wire's states are not re-exported by the package's index (1.8.0).
import { FuseState } from '@electron/fuses/dist/constants.js';
import { parse } from 'yaml';

/** What electron-builder.yml asks of each fuse, by its key there (`runAsNode: false`). */
export type ExpectedFuses = ReadonlyMap<string, boolean>;

/**
 * The `electronFuses` section of electron-builder.yml. A key @electron/fuses does not know is an
 * error: electron-builder would ignore it, and the release would ship a fuse nobody checked.
 */
export function expectedFuses(builderYaml: string): ExpectedFuses {
  const config = parse(builderYaml) as { electronFuses?: Record<string, unknown> } | null;
  const fuses = config?.electronFuses;
  if (fuses === undefined || fuses === null) {
    throw new Error('electron-builder.yml has no electronFuses section');
  }
  const expected = new Map<string, boolean>();
  for (const [key, value] of Object.entries(fuses)) {
    if (fuseIndex(key) === undefined) throw new Error(`electronFuses.${key} is not a known fuse`);
    if (typeof value !== 'boolean') throw new Error(`electronFuses.${key} is not true or false`);
    expected.set(key, value);
  }
  return expected;
}

/**
 * Every way the packaged binary's fuse wire differs from what electron-builder.yml asks: one line
 * per fuse, empty when they agree. A fuse the binary does not have, or has at "inherit" or
 * "removed", differs too: only an explicit on or off is what was asked.
 */
export function compareFuses(expected: ExpectedFuses, wire: FuseConfig<FuseState>): string[] {
  if (wire.version !== FuseVersion.V1)
    return [`fuse wire version ${String(wire.version)}, expected 1`];
  const states = wire as unknown as Partial<Record<number, FuseState>>;
  const problems: string[] = [];
  for (const [key, on] of expected) {
    const index = fuseIndex(key);
    const state = index === undefined ? undefined : states[index];
    const want = on ? FuseState.ENABLE : FuseState.DISABLE;
    if (state !== want)
      problems.push(`${key}: expected ${stateWord(want)}, the binary has ${stateWord(state)}`);
  }
  return problems;
}

/** `runAsNode` -> FuseV1Options.RunAsNode, as electron-builder maps them. */
function fuseIndex(key: string): number | undefined {
  const name = `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
  const index = (FuseV1Options as unknown as Record<string, unknown>)[name];
  return typeof index === 'number' ? index : undefined;
}

function stateWord(state: FuseState | undefined): string {
  switch (state) {
    case FuseState.ENABLE:
      return 'enabled';
    case FuseState.DISABLE:
      return 'disabled';
    case FuseState.INHERIT:
      return 'inherited (not set)';
    case FuseState.REMOVED:
      return 'removed';
    default:
      return 'no such fuse';
  }
}
