import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveConfig, type InlineConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import config, { relaxCspForDev } from '../electron.vite.config';

const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
const html = readFileSync(resolve(import.meta.dirname, 'index.html'), 'utf8');
const policyOf = (page: string): string | undefined =>
  /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(page)?.[1];

describe('window content security policy', () => {
  it('is strict in index.html: no inline scripts or styles', () => {
    expect(policyOf(html)).toBe(STRICT);
  });

  it('is relaxed by the dev server only, never by a build', async () => {
    const renderer = (config as { renderer: InlineConfig }).renderer;
    const names = async (command: 'build' | 'serve'): Promise<string[]> =>
      (
        await resolveConfig({ ...renderer, configFile: false, logLevel: 'silent' }, command)
      ).plugins.map((plugin) => plugin.name);
    expect(await names('serve')).toContain('federator:dev-csp');
    expect(await names('build')).not.toContain('federator:dev-csp');
  });

  it('allows inline styles and exactly the inline scripts served, and nothing else, in dev', () => {
    const served = html.replace('</head>', '<script type="module">refresh()</script></head>');
    const policy = policyOf(relaxCspForDev(served));
    expect(policy).toMatch(/style-src 'self' 'unsafe-inline';/);
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(policy?.replace(/ 'sha256-[^']+'/, '').replace(" 'unsafe-inline'", '')).toBe(STRICT);
  });
});
