import { applyEvent, computeStats, createProjection } from '@shared';
import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, scaleFor, STEP_COLORS } from '../../../../../client/src/features/map/colorScale';
import { computeShapeKpis } from '../../../../../client/src/features/map/mapKpis';
import { shapeLooks, shapeStyle } from '../../../../../client/src/features/map/shapeStyle';
import { createEventFactory, HOUR, T0 } from '../../../shared/factories';
import { FIXTURE_SHAPES } from './layerFixture';

describe('shapeLooks', () => {
  const f = createEventFactory();
  const state = createProjection();
  applyEvent(state, f.registered('A-1', { region: 'KZ-75', category: 'gas', at: T0 - 10 * HOUR }));
  const stats = computeStats(state, T0, ['KZ-75', 'KZ-71']);
  const kpis = computeShapeKpis(FIXTURE_SHAPES, stats);

  it('colours shapes in scope by the KPI and outlines the selected one', () => {
    const looks = shapeLooks(kpis, scaleFor('overdueShare'), 'KZ-75');
    expect(looks.get('KZ-75')).toEqual({ fillColor: STEP_COLORS[3], hasData: true, isSelected: true });
    expect(looks.get('KZ-71')).toEqual({ fillColor: STEP_COLORS[0], hasData: true, isSelected: false });
    expect(looks.get('KZ-63')).toEqual({ fillColor: NO_DATA_COLOR, hasData: false, isSelected: false });
  });

  it('gives the selection a thick focus-yellow border and dims shapes without data', () => {
    const looks = shapeLooks(kpis, scaleFor('load'), 'KZ-75');
    expect(shapeStyle(looks.get('KZ-75'))).toMatchObject({ color: '#ffe16b', weight: 4, fillOpacity: 0.82 });
    expect(shapeStyle(looks.get('KZ-63'))).toMatchObject({ weight: 1.2, fillColor: NO_DATA_COLOR, fillOpacity: 0.45 });
    expect(shapeStyle(undefined).fillColor).toBe(NO_DATA_COLOR);
  });
});
