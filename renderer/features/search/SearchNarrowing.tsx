import { plural } from '../../../shared/words';
import { Button } from '../../ui/Button';
import { useSearch, useSearchMatch } from './search-store';

/** Above a view the search narrows: what it shows of how many, and the way back to everything. */
export function SearchNarrowing(props: { shown: number; of: number }) {
  const query = useSearch((s) => s.query);
  const setQuery = useSearch((s) => s.setQuery);
  const match = useSearchMatch({ deferred: true });
  if (!match.active) return null;
  return (
    <p className="search-narrowing" role="status" data-testid="search-narrowing">
      <span>
        Search “{query.trim()}”: {props.shown} of {plural(props.of, 'host')} shown
      </span>
      <Button size="small" onClick={() => setQuery('')} data-testid="search-clear">
        Clear
      </Button>
    </p>
  );
}
