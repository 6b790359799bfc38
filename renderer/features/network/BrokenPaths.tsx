import { useMemo } from 'react';
import type { MigrationPath } from '../../../shared/domain/migration-path';
import type { NetworkGraph } from '../../../shared/network/network-graph';
import { brokenPathWords } from '../../../shared/words/network-words';
import { plural } from '../../../shared/words';
import { useUiStore } from '../../app/ui-store';
import { useHostNames } from '../plans/use-host-names';

/** Listed beside the graph; the rest are counted (a whole rack cut off lists 1,000 lines). */
const LISTED = 60;

/**
 * The broken paths among the hosts the graph shows, each with what failed and the fix in the
 * probe's words; a click selects the source host (its details list all of its paths).
 */
export function BrokenPaths(props: { graph: NetworkGraph; paths: readonly MigrationPath[] }) {
  const hostName = useHostNames();
  const select = useUiStore((s) => s.select);
  const { graph, paths } = props;
  const broken = useMemo(() => {
    const shown = new Set<string>(
      graph.nodes.flatMap((n) => (n.kind === 'group' ? n.hostIds : [n.id])),
    );
    return paths.filter((p) => p.state === 'broken' && shown.has(p.from) && shown.has(p.to));
  }, [graph, paths]);
  if (broken.length === 0) return null;
  return (
    <section className="net-broken" aria-label="Broken migration paths" data-testid="net-broken">
      <h2>{plural(broken.length, 'broken path')}</h2>
      <ul>
        {broken.slice(0, LISTED).map((path) => {
          const words = brokenPathWords(path, hostName);
          return (
            <li key={`${path.from}→${path.to}`} data-testid="net-broken-path">
              <button
                type="button"
                className="net-broken-route"
                onClick={() => select({ kind: 'host', hostId: path.from })}
              >
                {words.route}
              </button>
              <span className="net-broken-why">{words.why}</span>
              {words.fix && <span className="net-broken-fix">Fix: {words.fix}</span>}
            </li>
          );
        })}
      </ul>
      {broken.length > LISTED && (
        <p className="net-muted">and {broken.length - LISTED} more: select a host for its own</p>
      )}
    </section>
  );
}
