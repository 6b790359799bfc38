import { describe, expect, it } from 'vitest';
import type { HostId, VmId } from '../domain/ids';
import type { RecoveryLeftOut } from '../domain/recovery';
import { formatClock } from './index';
import {
  hostFencedWords,
  lostHostAftermathWords,
  recoveryBlockWords,
  recoveryConfirmLabel,
  recoveryFenceWords,
  recoveryLeftOutWords,
} from './recovery-words';

const names: Record<string, string> = { h1: 'hv1', h2: 'hv2' };
const nameOf = (id: HostId): string => names[id] ?? id;
const vm = 'u-1' as VmId;

describe('recovery words: why no recovery may run', () => {
  it('refuses a partition in words that say the VMs probably still run', () => {
    expect(recoveryBlockWords({ code: 'not-witnessed', verdict: 'partition' }, 'hv3')).toBe(
      'Refused: hv3 is unreachable from this console but alive for its peers (a partition); its VMs are probably still running, and starting them elsewhere would run them twice',
    );
  });

  it('says each other block by its case, never the code', () => {
    const said = [
      recoveryBlockWords({ code: 'connected' }, 'hv3'),
      recoveryBlockWords({ code: 'not-witnessed', verdict: 'ssh-closed' }, 'hv3'),
      recoveryBlockWords({ code: 'not-witnessed', verdict: 'no-witness' }, 'hv3'),
      recoveryBlockWords({ code: 'not-witnessed' }, 'hv3'),
      recoveryBlockWords({ code: 'not-fenced' }, 'hv3'),
    ];
    expect(said[0]).toBe('hv3 is connected: nothing failed, so there is nothing to recover');
    expect(said[1]).toMatch(/only its SSH port is closed/);
    expect(said[2]).toMatch(/no other connected host could confirm that hv3 is down/);
    expect(said[3]).toMatch(/no second witness has seen hv3 down yet/);
    expect(said[4]).toMatch(/power it off through its BMC, or check that it is off and type/);
    expect(new Set(said).size).toBe(said.length);
    for (const line of said)
      expect(line).not.toMatch(/not-witnessed|not-fenced|ssh-closed|no-witness/);
  });

  it('names what was typed when it is not the host', () => {
    expect(recoveryBlockWords({ code: 'not-fenced', typed: 'hv-3' }, 'hv3')).toBe(
      '"hv-3" is not hv3: type the host\'s name exactly to confirm that it is powered off',
    );
  });
});

describe('recovery words: the fence', () => {
  it('says how the host is known off', () => {
    const off = { ok: true as const, state: 'off' as const };
    expect(recoveryFenceWords({ by: 'bmc', reading: off }, 'hv3', nameOf)).toBe(
      "hv3's BMC says: power off",
    );
    expect(recoveryFenceWords({ by: 'bmc', reading: off, poweredOff: true }, 'hv3', nameOf)).toBe(
      'hv3 was powered off through its BMC, which now says: power off',
    );
    expect(recoveryFenceWords({ by: 'confirmed' }, 'hv3', nameOf)).toBe(
      'You confirmed that hv3 is powered off',
    );
  });

  it('says why the BMC could not tell, through the power words (a wrong password)', () => {
    const reading = {
      ok: false as const,
      failure: { code: 'wrong-password' as const, at: '127.0.0.23:623', user: 'admin' },
    };
    expect(recoveryFenceWords({ by: 'none', reading }, 'hv3', nameOf)).toBe(
      "Couldn't ask hv3's BMC whether it is off: wrong password for BMC user admin at 127.0.0.23:623",
    );
    expect(recoveryFenceWords({ by: 'confirmed', reading }, 'hv3', nameOf)).toBe(
      'You confirmed that hv3 is powered off (its BMC could not be asked: wrong password for BMC user admin at 127.0.0.23:623)',
    );
    expect(
      recoveryFenceWords(
        { by: 'none', reading: { ok: false, failure: { code: 'not-configured' } } },
        'hv3',
        nameOf,
      ),
    ).toBe("Couldn't ask hv3's BMC whether it is off: no power management is set up for it");
  });

  it('warns that a host its BMC says is on may still run its VMs', () => {
    expect(
      recoveryFenceWords({ by: 'none', reading: { ok: true, state: 'on' } }, 'hv3', nameOf),
    ).toBe("hv3's BMC says: power on; its VMs may still be running");
  });
});

describe('recovery words: what stays', () => {
  const say = (item: RecoveryLeftOut): string => recoveryLeftOutWords(item, 'hv3', nameOf);

  it('says each left-out VM by name with its reason', () => {
    expect(say({ code: 'not-protected', vm, vmName: 'scratch' })).toBe(
      'scratch is not part of a service and not marked to restart on another host: it stays on the lost host',
    );
    expect(say({ code: 'was-not-running', vm, vmName: 'db-2', state: 'shutoff' })).toBe(
      'db-2 was shut off when hv3 was lost: it is not started elsewhere',
    );
    expect(say({ code: 'no-definition', vm, vmName: 'web-3' })).toBe(
      'web-3: the console never read its definition from hv3, so it cannot define it on another host',
    );
    expect(say({ code: 'local-disk', vm, vmName: 'db-1', disk: 'vda', where: 'default' })).toBe(
      'db-1 cannot move: its disk vda (default) is local to hv3, which no other host can reach',
    );
    expect(say({ code: 'needs-room', vm, vmName: 'web-4', host: 'h2' as HostId })).toBe(
      'web-4 would fit on hv2 only if another VM moved aside first; a recovery moves nothing else',
    );
  });

  it("joins the engine's reasons for a VM that fits nowhere", () => {
    expect(
      say({
        code: 'no-room',
        vm,
        vmName: 'big',
        reasons: ['hv1: memory short by 2.0 GiB', 'hv2: memory short by 1.0 GiB'],
      }),
    ).toBe('big fits on no other host: hv1: memory short by 2.0 GiB; hv2: memory short by 1.0 GiB');
    expect(say({ code: 'no-room', vm, vmName: 'big', reasons: [] })).toBe(
      'big fits on no other host',
    );
  });

  it('says the confirmation the admin gives', () => {
    expect(recoveryConfirmLabel('hv3')).toBe('I have checked that hv3 is powered off');
  });
});

describe('recovery words: a lost host once nothing is left to recover', () => {
  const at = new Date(2026, 11, 6, 6, 50, 5).getTime();
  const clock = formatClock(at);

  it('says powered off through its BMC and when, or found off', () => {
    expect(hostFencedWords({ at, poweredOff: true })).toBe(
      `Powered off through its BMC at ${clock}`,
    );
    expect(hostFencedWords({ at, poweredOff: false })).toBe(`Off, as its BMC said at ${clock}`);
  });

  it('says where its VMs run now and which stayed and why, never "use Recover VMs…"', () => {
    const words = lostHostAftermathWords({
      hostName: 'hv3',
      fenced: { at, poweredOff: true },
      restarted: [
        { vmName: 'web-1', on: 'hv1' },
        { vmName: 'db-1', on: 'hv2' },
      ],
      stayed: [
        { vmName: 'scratch', marked: false },
        { vmName: 'tmp', marked: false },
      ],
    });
    expect(words).toBe(
      `hv3 is not connected, so its VMs cannot be started or stopped from here. It was powered off through its BMC at ${clock}. Running on other hosts now: web-1 on hv1 and db-1 on hv2. scratch and tmp stay on hv3: they are not part of a service and not marked to restart on another host.`,
    );
    expect(words).not.toContain('Recover VMs');
  });

  it('a confirmed recovery (no BMC): no fencing said; nothing was running; long lists cut with a count', () => {
    expect(lostHostAftermathWords({ hostName: 'hv3', restarted: [], stayed: [] })).toBe(
      'hv3 is not connected, so its VMs cannot be started or stopped from here. None of its VMs was running when it was lost.',
    );
    const many = Array.from({ length: 12 }, (_, i) => ({ vmName: `web-${i + 1}`, on: 'hv1' }));
    expect(
      lostHostAftermathWords({
        hostName: 'hv3',
        fenced: { at, poweredOff: false },
        restarted: many,
        stayed: [],
      }),
    ).toBe(
      `hv3 is not connected, so its VMs cannot be started or stopped from here. Its BMC said it was off at ${clock}. Running on other hosts now: web-1 on hv1, web-2 on hv1, web-3 on hv1, web-4 on hv1, web-5 on hv1, web-6 on hv1, web-7 on hv1, web-8 on hv1 and 4 more.`,
    );
  });
});
