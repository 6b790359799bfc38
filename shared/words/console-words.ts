/**
 * spice-html5's failure in words: what the admin can do about it. Its own sentences are short
 * ("Permission denied.", "Unexpected close while ready"); a password (which libvirt shows only
 * with --security-info) is found out here, when the display refuses the empty ticket.
 */
export function spiceFailureWords(vmName: string, said: string): string {
  const display = `the SPICE display of ${vmName}`;
  if (/permission denied|bad password/i.test(said)) {
    return `${display} asks for a password, which this console cannot send yet (remove passwd from its <graphics>, or use virt-viewer)`;
  }
  if (/reply link error 5\b/.test(said)) {
    return `${display} takes this channel over TLS only, which this console does not speak (give it a plain port on 127.0.0.1)`;
  }
  if (/timed out/i.test(said)) return `${display} did not answer within 30 s`;
  if (/magic mismatch|protocol mismatch/i.test(said)) {
    return `what answers at ${display}'s port does not speak SPICE`;
  }
  return `${display} failed: ${said.replace(/^Error:\s*/, '')}`;
}
