import { describe, expect, it } from 'vitest';
import { resolveRegion } from '../../../../../client/src/features/region/resolveRegion';
import { fixtureLayer } from '../map/layerFixture';

describe('resolveRegion', () => {
  const layer = fixtureLayer();

  it('opens a shape of the layer by its code, in any case', () => {
    expect(resolveRegion(layer, 'KZ-63')).toEqual({ shape: layer.shapes[0], mapCode: 'KZ-63' });
    expect(resolveRegion(layer, 'kz-63')?.mapCode).toBe('KZ-63');
  });

  it('opens a region drawn inside a parent shape on its own, outlining the parent', () => {
    const abai = resolveRegion(layer, 'KZ-10');
    expect(abai?.shape).toMatchObject({ code: 'KZ-10', includes: ['KZ-10'], isApproximate: false });
    expect(abai?.shape.name.en).toBe('Abai Region');
    expect(abai?.mapCode).toBe('KZ-63');
  });

  it('knows the 20 regions before (or without) a layer', () => {
    expect(resolveRegion(null, 'KZ-71')).toMatchObject({ shape: { code: 'KZ-71' }, mapCode: null });
    // On the fixture, Akmola has no shape: shown alone, nothing outlined.
    expect(resolveRegion(layer, 'KZ-11')?.mapCode).toBeNull();
  });

  it('is null for a code nobody knows', () => {
    expect(resolveRegion(layer, 'XX-1')).toBeNull();
    expect(resolveRegion(null, 'district-7')).toBeNull();
  });
});
