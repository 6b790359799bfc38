import { describe, expect, it } from 'vitest';
import { formatFigure, formatPercent, formatRate, formatVcpus } from './figure-words';

describe('figure words', () => {
  it('says percentages with one decimal below 10 and whole above', () => {
    expect(formatPercent(0.44)).toBe('0.4 %');
    expect(formatPercent(9.96)).toBe('10 %');
    expect(formatPercent(23.6)).toBe('24 %');
    expect(formatPercent(100)).toBe('100 %');
  });
  it('says rates as whole bytes or binary units per second', () => {
    expect(formatRate(511.7)).toBe('512 bytes/s');
    expect(formatRate(1536)).toBe('1.5 KiB/s');
    expect(formatRate(3 * 1024 * 1024)).toBe('3 MiB/s');
  });
  it('says vCPUs busy, singular at one', () => {
    expect(formatVcpus(0.42)).toBe('0.4 vCPUs');
    expect(formatVcpus(1)).toBe('1 vCPU');
    expect(formatVcpus(12.4)).toBe('12 vCPUs');
  });
  it('says memory in the one memory format', () => {
    expect(formatFigure('memory', 5728)).toBe('5.6 GiB');
    expect(formatFigure('memory', 512)).toBe('512 MiB');
  });
});
