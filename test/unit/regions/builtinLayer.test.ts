import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon, booleanValid, kinks } from '@turf/turf';
import { afterAll, describe, expect, it } from 'vitest';
import { getRegion, REGION_CODES, shapeCodeOf } from '@shared';
import { loadBuiltinLayer, loadRegionLayer } from '../../../server/src/regions/loadRegionLayer';

const SHIPPED = 'shared/data/kz-regions-20.geo.json';

describe('built-in current region layer (shared/data/kz-regions-20.geo.json), the default', () => {
  const layer = loadBuiltinLayer();
  const shapeOf = (code: string) => {
    const feature = layer.geojson.features.find((f) => f.properties.code === code);
    if (!feature) throw new Error(`no shape ${code}`);
    return feature;
  };

  it('is what the server loads without REGION_PACK or REGION_LAYER', async () => {
    expect((await loadRegionLayer(undefined)).id).toBe('builtin-20');
    expect((await loadRegionLayer(undefined, '2018')).id).toBe('builtin-17');
  });

  it('has the 20 codes, one shape each, the OpenStreetMap attribution, in a small file', () => {
    expect(layer.id).toBe('builtin-20');
    expect(layer.attribution).toBe('Boundaries © OpenStreetMap contributors (ODbL)');
    expect(layer.shapes.map((s) => s.code)).toEqual([...REGION_CODES]);
    expect(layer.geojson.features.map((f) => f.properties.code)).toEqual([...REGION_CODES]);
    for (const code of REGION_CODES) expect(shapeCodeOf(layer, code)).toBe(code);
    expect(layer.shapes.every((s) => s.includes.length === 1 && !s.isApproximate)).toBe(true);
    expect(statSync(SHIPPED).size).toBeLessThan(400 * 1024);
  });

  it('carries the official names and populations of shared/src/domain/regions.ts', () => {
    for (const shape of layer.shapes) {
      const region = getRegion(shape.code as (typeof REGION_CODES)[number]);
      expect(shape.name).toEqual(region.name);
      expect(shape.population).toBe(region.population);
    }
    expect(layer.shapes.find((s) => s.code === 'KZ-10')?.name.ru).toBe('область Абай');
  });

  it('has only valid shapes with their labels inside', () => {
    for (const feature of layer.geojson.features) {
      expect(booleanValid(feature), feature.properties.code).toBe(true);
      expect(kinks(feature).features, feature.properties.code).toEqual([]);
      const shape = layer.shapes.find((s) => s.code === feature.properties.code);
      expect(booleanPointInPolygon([shape?.lng ?? 0, shape?.lat ?? 0], shapeOf(feature.properties.code))).toBe(true);
    }
  });

  it('sits beside its ODbL notice', () => {
    const notice = readFileSync('shared/data/NOTICE.md', 'utf8');
    expect(notice).toContain('kz-regions-20.geo.json');
    expect(notice).toContain('© OpenStreetMap contributors, ODbL 1.0');
  });
});

describe('npm run build:regions (offline, from ../shared/geo)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'build-regions-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reproduces the shipped file byte for byte', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildRegions.ts', '--out', out], { stdio: 'pipe' });
    const built = readFileSync(path.join(out, 'kz-regions-20.geo.json'));
    expect(built.equals(readFileSync(SHIPPED))).toBe(true);
  }, 120_000);

  it('refuses a source whose sha256 is not the pinned one', () => {
    const source = mkdtempSync(path.join(tmpdir(), 'build-regions-source-'));
    try {
      const topo = readFileSync('../shared/geo/kz-regions-20.topo.json', 'utf8');
      const meta = readFileSync('../shared/geo/kz-regions-meta.json', 'utf8');
      writeFileSync(path.join(source, 'kz-regions-20.topo.json'), `${topo}\n`); // one byte more
      writeFileSync(path.join(source, 'kz-regions-meta.json'), meta);
      const run = () =>
        execFileSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/buildRegions.ts', '--out', out, '--source', source],
          {
            stdio: 'pipe',
          },
        );
      expect(run).toThrow(/sha256 .* expected 7152b97f/);
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
  }, 120_000);
});
