/**
 * Bad input for the placement engine: `field` is the path of the offending value
 * (`applications[3].memoryMiB`), so that the CLI and the UI can point at it.
 */
export class PlacementInputError extends Error {
  override readonly name = 'PlacementInputError';

  constructor(
    /** Path of the offending value, e.g. `hosts[2].capacity.cpu`; empty for the whole input. */
    readonly field: string,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(field === '' ? problem : `${field}: ${problem}`);
  }
}

/** Formats a zod-style path (`['hosts', 2, 'id']`) as `hosts[2].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
