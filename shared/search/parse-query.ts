/**
 * The one search box's language, parsed without the fleet: plain words, `key=value`, `key!=value`,
 * double quotes around a value or a phrase that holds spaces. What does not read is a problem (data,
 * said by shared/words/search-words.ts) and the term is left out, so a query half typed still finds.
 */

/** Longer input is cut here: a query is typed, and each term costs one pass over the fleet. */
export const MAX_QUERY_CHARS = 256;
/** Terms past this many are left out (and said so). */
export const MAX_TERMS = 12;

/** A plain word (or a quoted phrase): matches any part of a name, an address or a label. */
export interface WordTerm {
  kind: 'word';
  /** Lower case. */
  text: string;
  negate: boolean;
}

/** `key=value`: the value is a whole word of the field's value (a trailing `*`: its start). */
export interface FieldTerm {
  kind: 'field';
  /** Lower case, as typed: a built-in key or a label's. */
  key: string;
  /** Lower case, without the `*`. */
  value: string;
  prefix: boolean;
  negate: boolean;
}

export type SearchTerm = WordTerm | FieldTerm;

/** Why part of a query was left out. */
export type SearchProblem =
  | { code: 'empty-value'; key: string }
  | { code: 'missing-key'; value: string }
  | { code: 'unclosed-quote' }
  | { code: 'too-long'; max: number }
  | { code: 'too-many-terms'; max: number }
  | { code: 'unknown-key'; key: string; known: readonly string[] }
  | { code: 'unknown-state'; value: string; known: readonly string[] };

export interface ParsedQuery {
  terms: SearchTerm[];
  problems: SearchProblem[];
}

/** Splits a query into terms; never throws, whatever the input. */
export function parseQuery(input: string): ParsedQuery {
  const problems: SearchProblem[] = [];
  let text = input;
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    problems.push({ code: 'too-long', max: MAX_QUERY_CHARS });
  }
  const { tokens, unclosed } = tokenize(text);
  if (unclosed) problems.push({ code: 'unclosed-quote' });
  const terms: SearchTerm[] = [];
  for (const token of tokens) {
    const term = termOf(token, problems);
    if (!term) continue;
    if (terms.length === MAX_TERMS) {
      problems.push({ code: 'too-many-terms', max: MAX_TERMS });
      break;
    }
    terms.push(term);
  }
  return { terms, problems };
}

/** A token as typed: its text with quotes removed, and where an unquoted `=` split it. */
interface Token {
  key: string | undefined;
  value: string;
  /** The key ended in `!` (`state!=running`), or the word began with `-`. */
  negate: boolean;
  quoted: boolean;
}

function tokenize(text: string): { tokens: Token[]; unclosed: boolean } {
  const tokens: Token[] = [];
  let i = 0;
  let unclosed = false;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    let key: string | undefined;
    let value = '';
    let quoted = false;
    while (i < text.length && !/\s/.test(text[i] ?? '')) {
      const ch = text[i] ?? '';
      if (ch === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) unclosed = true;
        value += text.slice(i + 1, end < 0 ? text.length : end);
        quoted = true;
        i = end < 0 ? text.length : end + 1;
      } else if (ch === '=' && key === undefined && !quoted) {
        key = value;
        value = '';
        i++;
      } else {
        value += ch;
        i++;
      }
    }
    let negate = false;
    if (key?.endsWith('!')) {
      key = key.slice(0, -1);
      negate = true;
    }
    tokens.push({ key, value, negate, quoted });
  }
  return { tokens, unclosed };
}

function termOf(token: Token, problems: SearchProblem[]): SearchTerm | undefined {
  const value = token.value.toLowerCase();
  if (token.key === undefined) {
    const negate = !token.quoted && value.startsWith('-') && value.length > 1;
    const word = negate ? value.slice(1) : value;
    return word ? { kind: 'word', text: word, negate } : undefined;
  }
  const key = token.key.trim().toLowerCase();
  if (!key) {
    problems.push({ code: 'missing-key', value });
    return undefined;
  }
  const prefix = !token.quoted && value.endsWith('*');
  const bare = prefix ? value.slice(0, -1) : value;
  if (!bare) {
    problems.push({ code: 'empty-value', key });
    return undefined;
  }
  return { kind: 'field', key, value: bare, prefix, negate: token.negate };
}
