import type { PathOptions } from 'leaflet';
import { colorOf, NO_DATA_COLOR, type ColorScale } from './colorScale';
import { kpiValue, type ShapeKpis } from './mapKpis';

/** How one shape is drawn right now. */
export interface ShapeLook {
  fillColor: string;
  hasData: boolean;
  isSelected: boolean;
}

const OUTLINE = '#9fb2c6';
/** The wall's focus yellow (styles.css --focus): the selected region reads as "this one". */
const SELECTED_OUTLINE = '#ffe16b';

/** The look of every shape, by code: colour from the scale, the selection outlined. Pure. */
export function shapeLooks(
  kpis: ReadonlyMap<string, ShapeKpis>,
  scale: ColorScale,
  selectedCode: string | null,
): Map<string, ShapeLook> {
  const looks = new Map<string, ShapeLook>();
  for (const [code, shape] of kpis) {
    const hasData = shape.regions.length > 0;
    looks.set(code, {
      fillColor: colorOf(scale, hasData ? kpiValue(shape, scale.kpi) : null),
      hasData,
      isSelected: code === selectedCode,
    });
  }
  return looks;
}

/** Leaflet path options for a look (colours and widths only: `setStyle` cannot change classes). */
export function shapeStyle(look: ShapeLook | undefined): PathOptions {
  const selected = look?.isSelected ?? false;
  return {
    color: selected ? SELECTED_OUTLINE : OUTLINE,
    weight: selected ? 4 : 1.2,
    opacity: 1,
    fillColor: look?.fillColor ?? NO_DATA_COLOR,
    fillOpacity: look?.hasData ? 0.82 : 0.45,
  };
}
