import type { SearchProblem } from '../search/parse-query';

/** Past this many, a list of keys or states is cut with "…": the sentence stays one line. */
const LISTED = 8;

/** Why part of a search was left out, in one sentence that says what to type instead. */
export function searchProblemWords(problem: SearchProblem): string {
  switch (problem.code) {
    case 'empty-value':
      return `"${problem.key}=" needs a value after the "=" (e.g. ${problem.key}=a).`;
    case 'missing-key':
      return `"=${problem.value}" needs a key before the "=" (e.g. zone=${problem.value}).`;
    case 'unclosed-quote':
      return 'A quote is not closed: the search reads to the end of the box.';
    case 'too-long':
      return `Only the first ${problem.max} characters are searched.`;
    case 'too-many-terms':
      return `Only the first ${problem.max} terms are searched.`;
    case 'unknown-key':
      return `No host has a label "${problem.key}": keys are ${listed(problem.known)}.`;
    case 'unknown-state':
      return `"${problem.value}" is not a state: states are ${listed(problem.known)}.`;
  }
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown}, …` : shown;
}
