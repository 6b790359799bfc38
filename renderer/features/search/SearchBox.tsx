import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { searchProblemWords } from '../../../shared/words/search-words';
import { matches } from '../../app/shortcuts';
import { goTo } from '../alerts/jump-to';
import { SEARCH_INPUT_ID } from './focus-search';
import { resultGroups, resultSummary, type SearchOption } from './result-groups';
import { useSearch, useSearchIndexInIdle, useSearchMatch } from './search-store';
import './search.css';

const LIST_ID = 'fleet-search-results';
const optionId = (option: SearchOption) => `search-option-${option.key}`;

/**
 * The one search box, in the top bar: what it finds is listed by kind under it (↑/↓ and Enter go
 * there) and every view narrows to it while it holds a query.
 */
export function SearchBox() {
  const query = useSearch((s) => s.query);
  const setQuery = useSearch((s) => s.setQuery);
  const match = useSearchMatch({ deferred: false });
  useSearchIndexInIdle();
  const groups = useMemo(() => resultGroups(match), [match]);
  const options = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = open && query.trim() !== '';
  const current = shown ? options[Math.min(active, options.length - 1)] : undefined;

  useEffect(() => {
    const option = current && document.getElementById(optionId(current));
    // jsdom has no scrollIntoView.
    if (option && typeof option.scrollIntoView === 'function') {
      option.scrollIntoView({ block: 'nearest' });
    }
  }, [current]);

  const go = (option: SearchOption | undefined) => {
    if (!option) return;
    setOpen(false);
    goTo(option.target);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = matches('searchNext', event) ? 1 : matches('searchPrevious', event) ? -1 : 0;
    if (step !== 0 && options.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (Math.min(a, options.length - 1) + step + options.length) % options.length);
    } else if (matches('searchGo', event)) {
      event.preventDefault();
      go(current ?? options[0]);
    } else if (matches('searchClose', event)) {
      event.preventDefault();
      event.stopPropagation();
      if (shown) setOpen(false);
      else setQuery('');
    }
  };

  return (
    <div className="fleet-search" role="search">
      <label className="sr-only" htmlFor={SEARCH_INPUT_ID}>
        Search hosts, VMs, services and applications
      </label>
      <input
        id={SEARCH_INPUT_ID}
        className="fleet-search-input"
        type="text"
        role="combobox"
        aria-expanded={shown}
        aria-controls={LIST_ID}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search: name, zone=a, service=shop, state=crashed   ( / )"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="fleet-search"
      />
      {shown && (
        <div
          className="search-results"
          id={LIST_ID}
          role="listbox"
          aria-label="Search results"
          data-testid="search-results"
          // A click on a result must not blur the box first (that closes the list).
          onMouseDown={(e) => e.preventDefault()}
        >
          {match.problems.map((problem, i) => (
            <p key={i} className="search-problem" data-testid="search-problem">
              {searchProblemWords(problem)}
            </p>
          ))}
          {match.active && groups.length === 0 && <p className="search-empty">Nothing found.</p>}
          {groups.map((group) => (
            <div key={group.title} role="group" aria-label={group.title} className="search-group">
              <h3 className="search-group-title">
                {group.title} <span className="search-count">{group.total}</span>
              </h3>
              {group.options.map((option) => (
                <div
                  key={option.key}
                  id={optionId(option)}
                  role="option"
                  aria-selected={option === current}
                  className={`search-option${option === current ? ' is-active' : ''}`}
                  onClick={() => go(option)}
                  onMouseMove={() => setActive(options.indexOf(option))}
                  data-testid="search-result"
                  data-kind={option.target.kind}
                >
                  <span className="search-option-label">{option.label}</span>
                  <span className="search-option-detail">{option.detail}</span>
                </div>
              ))}
              {group.total > group.options.length && (
                <p className="search-more">
                  and {group.total - group.options.length} more, shown in the views
                </p>
              )}
            </div>
          ))}
          <p className="search-summary" data-testid="search-summary">
            {match.active ? `${resultSummary(match)} · ` : ''}↑↓ choose · Enter go · Esc close
          </p>
        </div>
      )}
    </div>
  );
}
