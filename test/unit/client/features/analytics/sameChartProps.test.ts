import { describe, expect, it } from 'vitest';
import { sameChartProps } from '../../../../../client/src/features/analytics/charts/sameChartProps';

describe('sameChartProps', () => {
  it('treats a new object with the same content as the same props (no redraw)', () => {
    const series = { points: [{ t: 1, p50: 2 }], targetMs: 3 };
    expect(sameChartProps({ series, height: 300 }, { series: structuredClone(series), height: 300 })).toBe(true);
  });

  it('redraws on changed data, size, theme or handler', () => {
    const series = { points: [{ t: 1, p50: 2 }] };
    const onSelect = () => undefined;
    expect(sameChartProps({ series, height: 300 }, { series: { points: [{ t: 1, p50: 3 }] }, height: 300 })).toBe(
      false,
    );
    expect(sameChartProps({ series, height: 300 }, { series, height: 320 })).toBe(false);
    expect(sameChartProps({ series, theme: 'page' }, { series, theme: 'wall' })).toBe(false);
    expect(sameChartProps({ onSelect }, { onSelect: () => undefined })).toBe(false);
    expect(sameChartProps({ onSelect }, { onSelect })).toBe(true);
    expect(sameChartProps<{ limit?: number }>({}, { limit: 5 })).toBe(false);
  });
});
