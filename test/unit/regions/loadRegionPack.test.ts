import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGION_CODES } from '@shared';
import { loadRegionPack } from '../../../server/src/regions/loadRegionLayer';

const REFERENCE = path.resolve('../shared/geo/kz-regions-20.topo.json');

describe('loadRegionPack: the 20-unit reference pack in ../shared/geo', () => {
  it('loads as is, with the 20 codes and the OpenStreetMap attribution', async () => {
    const layer = await loadRegionPack(REFERENCE);
    expect(layer.id).toBe('kz-regions-20');
    expect(layer.attribution).toBe('Boundaries © OpenStreetMap contributors (ODbL)');
    expect(layer.shapes.map((s) => s.code).sort()).toEqual([...REGION_CODES]);
    expect(layer.geojson.features.map((f) => f.properties.code).sort()).toEqual([...REGION_CODES]);
    for (const shape of layer.shapes) expect(shape.includes).toEqual([shape.code]);
    expect(layer.shapes.find((s) => s.code === 'KZ-10')).toMatchObject({
      name: { en: 'Abai Region', ru: 'Абайская область', kk: 'Абай облысы' },
      population: 600_000,
      isApproximate: false,
    });
  });

  it('loads from its directory too', async () => {
    expect((await loadRegionPack(path.dirname(REFERENCE))).shapes).toHaveLength(20);
  });
});

type Ring = number[][];
const square = (lng: number, lat: number): Ring => [
  [lng, lat],
  [lng + 1, lat],
  [lng + 1, lat + 1],
  [lng, lat + 1],
  [lng, lat],
];
const row = (iso: string, lat: number, lng: number) => ({
  iso,
  name_ru: `ru ${iso}`,
  name_kk: `kk ${iso}`,
  name_en: `en ${iso}`,
  lat,
  lng,
  pop_approx_2024: 1000,
});
const shape = (code: string, ring: Ring, type = 'Polygon') => ({
  type: 'Feature',
  id: code,
  properties: {},
  geometry: { type, coordinates: type === 'Polygon' ? [ring] : ring[0] },
});

/** A sound two-shape pack; each test breaks one thing. */
const good = () => ({
  features: [shape('KZ-71', square(71, 51)), shape('KZ-75', square(76, 43))],
  meta: { attribution: 'Boundaries © Test', regions: [row('KZ-71', 51.5, 71.5), row('KZ-75', 43.5, 76.5)] },
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writePack(pack: ReturnType<typeof good>, metaName = 'test-meta.json'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'region-pack-'));
  dirs.push(dir);
  const file = path.join(dir, 'test.geo.json');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: pack.features }));
  writeFileSync(path.join(dir, metaName), JSON.stringify(pack.meta));
  return file;
}

async function refusal(pack: ReturnType<typeof good>): Promise<string> {
  const file = writePack(pack);
  const error = await loadRegionPack(file).then(
    () => new Error('loaded'),
    (e: unknown) => e as Error,
  );
  expect(error.message.startsWith(`region pack ${file}: `)).toBe(true);
  return error.message;
}

describe('loadRegionPack: synthetic packs', () => {
  it('loads a sound GeoJSON pack with its meta attribution and any *-meta.json name', async () => {
    const layer = await loadRegionPack(writePack(good(), 'districts-meta.json'));
    expect(layer).toMatchObject({ id: 'test', attribution: 'Boundaries © Test' });
    expect(layer.shapes.map((s) => [s.code, s.includes])).toEqual([
      ['KZ-71', ['KZ-71']],
      ['KZ-75', ['KZ-75']],
    ]);
  });

  it('refuses a code missing from meta', async () => {
    const pack = good();
    pack.meta.regions.pop();
    expect(await refusal(pack)).toMatch(/codes missing from meta: KZ-75/);
  });

  it('refuses a duplicate code', async () => {
    const pack = good();
    pack.features.push(shape('KZ-71', square(60, 45)));
    expect(await refusal(pack)).toMatch(/duplicate code KZ-71/);
    pack.features.pop();
    pack.meta.regions.push(row('KZ-71', 51.5, 71.5));
    expect(await refusal(pack)).toMatch(/duplicate code KZ-71 in meta/);
  });

  it('refuses a self-intersecting shape', async () => {
    const pack = good();
    const bowtie = [
      [71, 51],
      [72, 52],
      [72, 51],
      [71, 52],
      [71, 51],
    ];
    pack.features[0] = shape('KZ-71', bowtie);
    expect(await refusal(pack)).toMatch(/shape KZ-71 has an invalid geometry \(self-intersection near 51\.5/);
  });

  it('refuses an unclosed ring, a point and out-of-range coordinates', async () => {
    const pack = good();
    const sliver = [
      [76, 43],
      [77, 43],
      [76, 43],
    ];
    pack.features[1] = shape('KZ-75', sliver);
    expect(await refusal(pack)).toMatch(/shape KZ-75 has an invalid geometry: ring has fewer than 4 positions/);
    pack.features[1] = shape('KZ-75', [...square(76, 43).slice(0, 4), [76.5, 43.5]]);
    expect(await refusal(pack)).toMatch(/shape KZ-75 has an invalid geometry: ring is not closed/);
    pack.features[1] = shape('KZ-75', [[76, 43]], 'Point');
    expect(await refusal(pack)).toMatch(/shape KZ-75 has an invalid geometry: must be a Polygon or MultiPolygon/);
    pack.features[1] = shape('KZ-75', square(180, 43));
    expect(await refusal(pack)).toMatch(/shape KZ-75 has an invalid geometry: is not a WGS 84 position/);
  });

  it('refuses meta fields of the wrong type or missing, naming field and code', async () => {
    const pack = good();
    pack.meta.regions[0] = {
      ...row('KZ-71', 51.5, 71.5),
      pop_approx_2024: '790 000',
      name_kk: undefined,
      lat: true,
    } as never;
    const message = await refusal(pack);
    expect(message).toMatch(/meta field pop_approx_2024 of KZ-71 must be a number/);
    expect(message).toMatch(/meta field name_kk of KZ-71 is missing/);
    expect(message).toMatch(/meta field lat of KZ-71 must be a number/);
  });

  it('refuses a label outside its shape', async () => {
    const pack = good();
    pack.meta.regions[1] = row('KZ-75', 40, 76.5);
    expect(await refusal(pack)).toMatch(/centroid of KZ-75 \(40\.0000 N 76\.5000 E\) is not inside its shape/);
  });

  it('refuses a pack without attribution, meta or valid JSON', async () => {
    const pack = good();
    delete (pack.meta as { attribution?: string }).attribution;
    expect(await refusal(pack)).toMatch(/no attribution: add "attribution" to test-meta.json/);

    const file = writePack(good());
    rmSync(path.join(path.dirname(file), 'test-meta.json'));
    await expect(loadRegionPack(file)).rejects.toThrow(/expected a meta file test-meta.json/);
    writeFileSync(file, '{ "type": "FeatureCollection", ');
    writeFileSync(path.join(path.dirname(file), 'test-meta.json'), JSON.stringify(good().meta));
    await expect(loadRegionPack(file)).rejects.toThrow(/test.geo.json: not valid JSON/);
    await expect(loadRegionPack(path.join(path.dirname(file), 'absent.geo.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a TopoJSON with several objects none named regions', async () => {
    const dir = path.dirname(writePack(good()));
    const file = path.join(dir, 'two.topo.json');
    const empty = { type: 'GeometryCollection', geometries: [] };
    writeFileSync(file, JSON.stringify({ type: 'Topology', arcs: [], objects: { a: empty, b: empty } }));
    await expect(loadRegionPack(file)).rejects.toThrow(/TopoJSON has objects a, b: name the regions one 'regions'/);
  });
});
