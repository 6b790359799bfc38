import { describe, expect, it } from 'vitest';
import type { ChartData } from './chart-data';
import { stackSeries } from './chart-data';
import { legendAt } from './chart-legend';

const pct = (v: number) => `${v} %`;

describe('legendAt', () => {
  it('says each line with its bucket max', () => {
    const data: ChartData = {
      times: [0, 1],
      series: [
        { label: 'CPU', role: 'avg', colour: 0, values: [23, 30] },
        { label: 'CPU max', role: 'max', colour: 0, values: [41, 30] },
        { label: 'iowait', role: 'avg', colour: 1, values: [null, 2] },
        { label: 'iowait max', role: 'max', colour: 1, values: [null, 5] },
      ],
    };
    expect(legendAt(data, 0, pct)).toEqual([
      { label: 'CPU', text: '23 % (max 41 %)', colour: 0 },
      { label: 'iowait', text: 'no sample', colour: 1 },
    ]);
  });

  it("says each layer's own figure and the total of a stack", () => {
    const data = stackSeries({
      times: [0],
      series: [
        { label: 'web-1', role: 'stack', colour: 0, values: [1.5] },
        { label: 'web-2', role: 'stack', colour: 1, values: [null] },
        { label: 'db-1', role: 'stack', colour: 2, values: [2] },
      ],
    });
    expect(legendAt(data, 0, String)).toEqual([
      { label: 'web-1', text: '1.5', colour: 0 },
      { label: 'web-2', text: 'no sample', colour: 1 },
      { label: 'db-1', text: '2', colour: 2 },
      { label: 'total', text: '3.5' },
    ]);
  });
});
