import { describe, expect, it } from 'vitest';
import { VmId } from '../../../../shared/domain/ids';
import { toCommandLine } from '../../ssh/quote';
import { recordingContext } from '../../../testing/recording-context';
import { performAction } from './libvirt-actions';

// Which command each action sends, as the SSH session would write it (the one quoting function).
// That virsh then resumes a paused guest is for the lab (libvirt-ops.lab.test.ts), not for here.

const uuid = VmId.parse('0b7f5c1e-2a4d-4c59-9a37-6f0e2d1c8b90');

describe('libvirt VM actions', () => {
  it('resume is `virsh resume UUID`, quoted by the one quoting function', async () => {
    const { ctx, sent } = recordingContext();
    await performAction(ctx, uuid, 'resume', 'web-1');
    const lines = sent.map((argv) => toCommandLine(argv));
    expect(lines).toEqual([toCommandLine(['virsh', '-c', 'qemu:///system', 'resume', uuid])]);
    expect(lines[0]).toContain(' resume ');
  });

  it("words virsh's refusal with the action and the VM", async () => {
    const { ctx } = recordingContext(
      'error: Requested operation is not valid: domain is not running\n',
      1,
    );
    await expect(performAction(ctx, uuid, 'resume', 'web-1')).rejects.toMatchObject({
      code: 'command-failed',
      message: expect.stringContaining("Couldn't resume VM 'web-1' on hv1") as unknown,
    });
  });
});
