/**
 * A stable colour per service id: the same service keeps its colour across restarts and windows,
 * so an admin learns it. FNV-1a over the id picks one of a set of hues that read on white.
 */
const HUES = [210, 145, 28, 280, 350, 185, 95, 320, 45, 250, 5, 165];

export function serviceColour(serviceId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serviceId.length; i += 1) {
    hash ^= serviceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const hue = HUES[hash % HUES.length] ?? 210;
  return `hsl(${hue} 65% 38%)`;
}
