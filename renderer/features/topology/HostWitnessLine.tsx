import type { HostFenced, HostWitness } from '../../../shared/domain';
import { formatClock } from '../../../shared/words';
import { witnessWords } from '../../../shared/words/witness-words';
import { hostFencedWords } from '../../../shared/words/recovery-words';
import { useHostNames } from '../plans/use-host-names';

/**
 * What the other hosts say of a host the console lost: a partition (its VMs probably still run),
 * down or isolated, or no one to ask; and when they were asked. Once its BMC said off (fenced for a
 * recovery), a second line says so and when.
 */
export function HostWitnessLine(props: { witness: HostWitness; fenced?: HostFenced | undefined }) {
  const { witness, fenced } = props;
  const names = useHostNames();
  const words = witnessWords(witness, names);
  const line = (
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
  if (fenced === undefined) return line;
  return (
    <>
      {line}
      <p
        className="host-fenced"
        data-testid="host-fenced"
        data-powered-off={fenced.poweredOff}
        title={hostFencedWords(fenced)}
      >
        {hostFencedWords(fenced)}
      </p>
    </>
  );
}
