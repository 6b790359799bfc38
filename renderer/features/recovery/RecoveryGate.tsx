import type { Host } from '../../../shared/domain';
import type { RecoveryLeftOut, RecoveryProposal } from '../../../shared/domain/recovery';
import {
  recoveryBlockWords,
  recoveryFenceWords,
  recoveryLeftOutWords,
} from '../../../shared/words/recovery-words';
import { witnessWords } from '../../../shared/words/witness-words';
import { useHostNames } from '../plans/use-host-names';

/**
 * The gate in two lines, then why it is shut: is the host down (what the witnesses said) and is it
 * off (its BMC, or the admin's word).
 */
export function RecoveryGate(props: { host: Host; proposal: RecoveryProposal }) {
  const { host, proposal } = props;
  const name = host.config.name;
  const names = useHostNames();
  const witness = host.witness;
  const down = witness?.verdict === 'unreachable-from-all';
  const off = proposal.fence.by !== 'none';
  const refusal = proposal.blocked ? recoveryBlockWords(proposal.blocked, name) : undefined;
  return (
    <div className="recovery-gate" data-testid="recovery-gate">
      <dl className="recovery-checks">
        <dt>Down?</dt>
        <dd data-testid="recovery-down" data-ok={down}>
          <span className={down ? 'gate-ok' : 'gate-no'}>{down ? 'Yes' : 'Not known'}</span>{' '}
          {witness ? witnessWords(witness, names) : `${name} has not been checked by its peers`}
        </dd>
        <dt>Off?</dt>
        <dd data-testid="recovery-off" data-ok={off}>
          <span className={off ? 'gate-ok' : 'gate-no'}>{off ? 'Yes' : 'Not known'}</span>{' '}
          {proposal.blocked?.code === 'connected' || proposal.blocked?.code === 'not-witnessed'
            ? 'not asked: it must be seen down first'
            : recoveryFenceWords(proposal.fence, name, names)}
        </dd>
      </dl>
      {refusal && (
        <p
          className={`recovery-refusal recovery-refusal-${proposal.blocked?.code ?? ''}`}
          role="status"
          data-testid="recovery-refusal"
        >
          {refusal}
        </p>
      )}
    </div>
  );
}

/** The VMs of the failed host that stay where they are, each with why. */
export function RecoveryLeftOutList(props: {
  hostName: string;
  leftOut: readonly RecoveryLeftOut[];
}) {
  const names = useHostNames();
  return (
    <>
      <h3 className="section-title">Not restarted</h3>
      <ul className="recovery-left-out" data-testid="recovery-left-out">
        {props.leftOut.map((item) => (
          <li key={item.vm} data-code={item.code}>
            {recoveryLeftOutWords(item, props.hostName, names)}
          </li>
        ))}
      </ul>
    </>
  );
}
