import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// WCAG 2 contrast of the text/background pairs the CSS uses, computed from theme.css's variables,
// for both themes: 4.5 for text, 3 for large text and UI parts (borders of inputs, focus rings).

const HERE = import.meta.dirname;
const css = readFileSync(join(HERE, 'theme.css'), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`theme.css has no ${selector} block`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
  );
}

const light = block(':root');
const THEMES = { light, dark: { ...light, ...block(":root[data-theme='dark']") } };

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** [foreground, background] variable pairs as the stylesheets combine them. */
const TEXT: [string, string][] = [
  ...['--bg', '--surface', '--surface-sunken'].flatMap((bg): [string, string][] => [
    ['--text', bg],
    ['--text-muted', bg],
    ['--accent', bg], // link buttons
  ]),
  ['--danger', '--surface'], // danger button text
  ['--on-accent', '--accent-fill'],
  ['--on-accent', '--danger-fill'],
  ['--ok', '--ok-bg'],
  ['--neutral', '--neutral-bg'],
  ['--busy', '--busy-bg'],
  ['--info', '--info-bg'],
  ['--warning', '--warning-bg'],
  ['--warning', '--warning-bg-soft'],
  ['--text', '--warning-bg-soft'], // a warning line of the event log
  ['--serious', '--serious-bg'],
  ['--danger', '--danger-bg'],
  ['--demo', '--demo-bg'],
  ['--demo-text', '--demo-bg'],
  ['--text', '--demo-bg'],
  ...['--chrome', '--chrome-2'].flatMap((bg): [string, string][] => [
    ['--chrome-text', bg],
    ['--chrome-muted', bg],
    ['--chrome-faint', bg],
    ['--chrome-ok', bg],
    ['--chrome-neutral', bg],
    ['--chrome-warning', bg],
    ['--chrome-serious', bg],
    ['--chrome-danger', bg],
  ]),
  ['--chrome-text', '--chrome-hover'],
  ['--chrome-text', '--chrome-selected'],
  // The heat map's tiles: each fill with the ink its names and figures are written in.
  ...[
    'b0',
    'b1',
    'b2',
    'b3',
    'b4',
    'b5',
    'ok',
    'vm-trouble',
    'hypervisor',
    'down',
    'waiting',
    'off',
  ].map((key): [string, string] => [`--heat-${key}-ink`, `--heat-${key}`]),
];

const UI: [string, string][] = [
  ['--border-strong', '--surface'], // input and button outlines
  ['--accent', '--surface'], // focus ring
  ['--accent', '--bg'],
  ['--danger-line', '--surface'],
  ['--chrome-muted', '--chrome-2'], // chrome button outline
  // Chart lines on the details panel (renderer/ui/charts).
  ...[1, 2, 3, 4, 5, 6].map((n): [string, string] => [`--chart-${n}`, '--surface']),
];

describe.each(Object.entries(THEMES))('%s theme contrast', (theme, vars) => {
  const colour = (name: string): string => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${name} is not defined`);
    const ref = /^var\((--[\w-]+)\)$/.exec(value);
    return ref?.[1] ? colour(ref[1]) : value;
  };
  it.each(TEXT)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
  it.each(UI)('UI part %s on %s is at least 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });
  it('heat map bands run one way in lightness (darker in light, brighter in dark): order without hue', () => {
    const lum = [0, 1, 2, 3, 4, 5].map((band) => luminance(colour(`--heat-b${band}`)));
    const steps = lum.slice(1).map((l, i) => l - (lum[i] ?? 0));
    const darkening = theme === 'light';
    expect(steps.every((step) => (darkening ? step < 0 : step > 0))).toBe(true);
  });
});

describe('colours', () => {
  it('the contrast formula gives the known figures: black on white 21, #767676 on white 4.54', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('come only from theme.css: no other stylesheet or component writes a colour literal', () => {
    const literal = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(css|tsx)$/.test(name) && !name.endsWith('.test.tsx') && name !== 'theme.css') {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (literal.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(join(HERE, '..'));
    expect(offenders).toEqual([]);
  });
});
