import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticFile } from './static-files';

const root = resolve('/srv/renderer');

describe('static files', () => {
  it('maps paths under the root, and / to index.html', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/main-abc.js')).toBe(join(root, 'assets/main-abc.js'));
    expect(resolveStaticFile(root, '/assets/a%20b.css')).toBe(join(root, 'assets/a b.css'));
  });

  it('never leaves the root', () => {
    for (const path of [
      '/../package.json',
      '/assets/../../secret',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%5cpackage.json',
      '/a%00.js',
      '/%E0%A4%A',
      '/..',
    ]) {
      expect(resolveStaticFile(root, path), path).toBeUndefined();
    }
    expect(resolveStaticFile(root, '//etc/passwd')).toBe(join(root, 'etc/passwd'));
  });

  it('names the content types the window uses', () => {
    expect(contentTypeOf('index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('main.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
