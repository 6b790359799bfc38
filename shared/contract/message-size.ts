import { MAX_MESSAGE_BYTES } from './wire';

/**
 * Whether `value` written as JSON would be longer than `limit` characters, found without writing it:
 * the walk stops as soon as the count passes the limit, so a huge payload (or one with a cycle,
 * which structured clone lets through IPC) costs at most `limit` steps. The count is close to
 * JSON.stringify's length (strings without their escapes), which is all a size limit needs.
 */
export function exceedsMessageSize(value: unknown, limit: number = MAX_MESSAGE_BYTES): boolean {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    size += sizeOfScalar(item);
    if (Array.isArray(item)) {
      size += 2 + Math.max(0, item.length - 1); // brackets and commas
      // Each element is at least one character more: a million-element array stops here,
      // before a million entries are pushed.
      if (size + item.length > limit) return true;
      for (const element of item as unknown[]) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      const keys = Object.keys(item);
      size += 2 + Math.max(0, keys.length - 1); // braces and commas
      for (const key of keys) {
        size += key.length + 3; // quotes and colon
        if (size > limit) return true;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
    if (size > limit) return true;
  }
  return false;
}

function sizeOfScalar(item: unknown): number {
  switch (typeof item) {
    case 'string':
      return item.length + 2;
    case 'number':
    case 'bigint':
      return String(item).length;
    case 'boolean':
      return item ? 4 : 5;
    case 'object':
      return item === null ? 4 : 0;
    default:
      return 0; // undefined, functions, symbols: JSON leaves them out
  }
}
