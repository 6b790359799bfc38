/**
 * `text` cut to at most `maxChars` UTF-16 code units, the cut said in words at the end: " ... [cut
 * 245,760 of 262,144 characters]" (ASCII: one non-Latin-1 character would double the memory of
 * the whole string in V8). Text that fits comes back as is. Never splits a surrogate pair,
 * so the result is still well-formed text for JSON and the screen. A limit under ~50 leaves no room for
 * the marker: the result is then the marker alone.
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // The marker's own length depends on how much is cut, which depends on the marker: the widest
  // count (the whole text cut) gives a marker that always fits.
  const room = Math.max(0, maxChars - cutMarker(text.length, text.length).length);
  let keep = Math.min(room, text.length);
  const last = text.charCodeAt(keep - 1);
  if (keep > 0 && last >= 0xd800 && last <= 0xdbff) keep -= 1; // a high surrogate without its pair
  // join copies the kept part into a new string: a slice (or a + of it) may be a view that keeps
  // the whole original alive, megabytes for a few kilobytes shown (measured in the event log bench).
  return [text.slice(0, keep), cutMarker(text.length - keep, text.length)].join('');
}

function cutMarker(cut: number, total: number): string {
  return ` ... [cut ${cut.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters]`;
}
