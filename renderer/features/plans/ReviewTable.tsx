import type { PlacementReview } from '../../../shared/domain/plan';
import { choiceWords, runnerUpWords } from '../../../shared/words/choice-words';
import { diskCopyWords } from '../../../shared/words/disk-copy-words';
import type { Namer } from '../../../shared/words/namer';
import { formatEstimate } from './plan-words';

/**
 * VM → host, with the engine's reason and the hosts it ranked next; for moves, from → to. Where a
 * row carries the engine's choice as data (`why`), the window says it with its own names; a row
 * without (a dragged move, a plan journaled before) shows the core's words.
 */
export function ReviewTable(props: {
  rows: readonly PlacementReview[];
  names: Pick<Namer, 'host' | 'application'>;
}) {
  const { rows, names } = props;
  const hostName = names.host;
  return (
    <table className="review-table" data-testid="review-table">
      <thead>
        <tr>
          <th scope="col">VM</th>
          <th scope="col">Host</th>
          <th scope="col">Why there</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.vmId}
            data-testid="review-row"
            data-vm-name={row.vmName}
            data-host-id={row.hostId}
          >
            <th scope="row" className="review-vm">
              {row.vmName}
            </th>
            <td className="review-host">
              {row.fromHostId !== undefined ? (
                <>
                  {hostName(row.fromHostId)} <span aria-label="to">→</span>{' '}
                  <strong>{hostName(row.hostId)}</strong>
                </>
              ) : (
                <strong>{hostName(row.hostId)}</strong>
              )}
              {(row.live !== undefined || row.estimatedSeconds !== undefined) && (
                <div className="small muted" data-testid="review-move-kind">
                  {row.live === undefined
                    ? ''
                    : row.live
                      ? 'live (keeps running)'
                      : 'cold (shut off)'}
                  {row.estimatedSeconds !== undefined
                    ? ` · ${formatEstimate(row.estimatedSeconds)}`
                    : ''}
                </div>
              )}
              {row.disks !== undefined && row.disks.length > 0 && (
                <div className="small muted" data-testid="review-disk-copy">
                  {diskCopyWords(row.disks)}
                </div>
              )}
            </td>
            <td className="review-why">
              <span data-testid="review-reason">
                {row.why ? choiceWords(row.why, names) : row.reason}
              </span>
              {row.runnersUp.length > 0 && (
                <ul className="runners-up small muted">
                  {row.runnersUp.map((r) => (
                    <li key={r.hostId}>
                      {/* The engine's notes may name the host already: say it once. */}
                      not{' '}
                      {r.why
                        ? runnerUpWords(r.hostId, r.why, names)
                        : r.note.startsWith(hostName(r.hostId))
                          ? r.note
                          : `${hostName(r.hostId)}: ${r.note}`}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
