import type { HostWitness } from '../../../shared/domain';
import { formatClock } from '../../../shared/words';
import { witnessWords } from '../../../shared/words/witness-words';
import { useHostNames } from '../plans/use-host-names';

/**
 * What the other hosts say of a host the console lost: a partition (its VMs probably still run),
 * down or isolated, or no one to ask; and when they were asked.
 */
export function HostWitnessLine(props: { witness: HostWitness }) {
  const { witness } = props;
  const names = useHostNames();
  const words = witnessWords(witness, names);
  return (
    <p
      className={`host-witness witness-${witness.verdict}`}
      data-testid="host-witness"
      data-verdict={witness.verdict}
      title={`${words} (asked ${formatClock(witness.checkedAt)})`}
    >
      {words}
      <span className="muted"> · asked {formatClock(witness.checkedAt)}</span>
    </p>
  );
}
