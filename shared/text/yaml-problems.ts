import { isMap, isSeq, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { issueWords } from '../services/yaml-issue-words';

/**
 * Where a YAML file went wrong, in an admin's words: "line 7, applications[1].memoryMiB: should be
 * a number, not text". Shared by every YAML the console reads (services, alert rules).
 */

/** The parser's own errors (bad indentation, a duplicate key), each with its line and column. */
export function yamlSyntaxProblems(doc: Document): string[] {
  return doc.errors.map((e) => {
    const at = e.linePos?.[0];
    // prettyErrors puts "at line L, column C:" and a code excerpt in the message: ours leads.
    const words = firstLine(e.message).replace(/ at line \d+, column \d+:?$/, '');
    return at ? `line ${at.line}, column ${at.col}: ${words}` : words;
  });
}

/** zod's issues on the document's data, each with the line of the field it names. */
export function yamlSchemaProblems(
  doc: Document,
  lines: LineCounter,
  issues: readonly z.core.$ZodIssue[],
): string[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const where = keys.length === 1 ? [...path, keys[0] ?? ''] : path;
    return `${lineOf(doc, lines, where)}${fieldName(where)}: ${issueWords(issue)}`;
  });
}

/** "line 7, " for the node at `path`, or the nearest parent that exists (a missing field). */
export function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // A missing field is reported on its parent: point at the parent's key line, not its end.
      return `line ${lines.linePos(node.range[0]).line}, `;
    }
  }
  return '';
}

function isNode(node: unknown): node is { range?: [number, number, number] | null } {
  return (
    typeof node === 'object' && node !== null && ('range' in node || isMap(node) || isSeq(node))
  );
}

/** `applications[1].memoryMiB`; the empty path is "the file". */
export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * The error a YAML reader throws: the first problem in the message ("Couldn't read the service
 * YAML: line 7, …"), with a count of the rest, and every one of them in `detail`.
 */
export function yamlFailure(what: string, problems: readonly string[], empty: string): AppError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(
    'invalid-request',
    `Couldn't read the ${what} YAML: ${problems[0] ?? empty}${more}`,
    { detail: problems.join('\n') },
  );
}
