import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { OS_FACTS_SECTIONS, parseOsFacts, parseOsRelease } from './parse-os-facts';

const SEP = '@@federator-0011223344556677@@\n';

describe('OS facts', () => {
  it('reads distro, kernel, uptime, load, CPUs, memory and virsh from real output', () => {
    const facts = parseOsFacts(fixture('os-facts.txt').split(SEP));
    expect(facts.os.name).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(facts.os.kernel).toMatch(/^\d+\.\d+/);
    expect(facts.os.uptimeSeconds).toBeGreaterThan(0);
    expect(facts.os.load).toHaveLength(3);
    expect(facts.cpu).toEqual({ cores: 2, model: 'Intel(R) Xeon(R) Processor' });
    expect(facts.memoryMiB).toBe(Math.round(24683652 / 1024));
    expect(facts.virshPath).toBe('/usr/bin/virsh');
    expect(facts.hostname).toBe('vm');
  });

  it('says when virsh is missing, and refuses truncated output', () => {
    const sections = fixture('os-facts.txt').split(SEP);
    expect(parseOsFacts([...sections.slice(0, -1), '']).virshPath).toBeUndefined();
    expect(() => parseOsFacts(sections.slice(0, 4))).toThrow(/expected 9 sections/);
    const noMem = [...sections];
    noMem[7] = '';
    expect(() => parseOsFacts(noMem)).toThrow(/MemTotal/);
    expect(sections).toHaveLength(OS_FACTS_SECTIONS);
  });

  it('unquotes os-release values', () => {
    const fields = parseOsRelease('NAME="Foo \\"Bar\\""\nID=foo\nVERSION=\'1 (x)\'\n# comment');
    expect(Object.fromEntries(fields)).toEqual({ NAME: 'Foo "Bar"', ID: 'foo', VERSION: '1 (x)' });
  });
});
