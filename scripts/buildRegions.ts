/**
 * Builds a shipped region layer into shared/data/ (design.md "Regions", docs/regions.md):
 *
 *   npm run build:regions                      today's 20 units → kz-regions-20.geo.json
 *                                              (offline, from ../shared/geo, sha256-checked)
 *   npm run build:regions -- --layer 2018      the 2018–2022 17 shapes → kz-regions-17.geo.json
 *                                              (Natural Earth via the npm registry)
 *   … --out <dir>                              write into <dir> instead (the reproducibility test)
 *   … --source <dir>                           read the current layer's source from <dir>
 *
 * The output is deterministic: the same source gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { buildLayer2018 } from './regions/buildLayer2018';
import { buildLayerCurrent } from './regions/buildLayerCurrent';

const DATA_DIR = fileURLToPath(new URL('../shared/data/', import.meta.url));
const SOURCE_DIR = fileURLToPath(new URL('../../shared/geo/', import.meta.url));

const LAYERS = {
  current: { file: 'kz-regions-20.geo.json', build: (source: string) => buildLayerCurrent(source) },
  '2018': { file: 'kz-regions-17.geo.json', build: () => buildLayer2018() },
} as const;

const { values } = parseArgs({
  options: {
    layer: { type: 'string', default: 'current' },
    out: { type: 'string', default: DATA_DIR },
    source: { type: 'string', default: SOURCE_DIR },
  },
});
const which = values.layer === '2018' ? '2018' : values.layer === 'current' ? 'current' : null;
if (which === null) throw new Error(`build:regions: --layer must be current or 2018, not ${values.layer}`);

const { file, build } = LAYERS[which];
const layer = build(path.resolve(values.source));
const json = await format(JSON.stringify(layer), { parser: 'json', printWidth: 120 });
const output = path.join(path.resolve(values.out), file);
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, json);
console.log(`wrote ${path.relative(process.cwd(), output)} (${Math.round(Buffer.byteLength(json) / 1024)} KB)`);
