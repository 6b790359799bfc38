import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README and the docs stand alone: every relative link (and image) names a file in the repository. */
const repo = resolve(import.meta.dirname, '..');
const pages = [
  'README.md',
  ...readdirSync(join(repo, 'docs')).map((name) => `docs/${name}`),
  'lab/README.md',
  'shared/placement/README.md',
].filter((page) => page.endsWith('.md'));

function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
  return targets
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]!);
}

describe('links in the README and docs', () => {
  it.each(pages)('%s links only to files inside the repository', (page) => {
    const links = relativeLinks(readFileSync(join(repo, page), 'utf8'));
    for (const link of links) {
      const target = resolve(repo, dirname(page), link);
      expect(relative(repo, target).startsWith('..'), `${link} leaves the repository`).toBe(false);
      expect(existsSync(target), `${link} does not exist`).toBe(true);
    }
  });

  it('finds the links it checks', () => {
    expect(relativeLinks(readFileSync(join(repo, 'README.md'), 'utf8'))).toContain(
      'docs/DESIGN.md',
    );
  });
});
