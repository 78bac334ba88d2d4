import type { RegionShapeMeta } from '@shared';
import { divIcon, layerGroup, marker, type LeafletEvent } from 'leaflet';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { isCountryView } from './countryView';
import {
  ALWAYS_LABELLED,
  arrangeBadgedLabels,
  arrangeCountsFirst,
  type BadgedLabelBox,
  type LabelObstacle,
  type LabelPlacement,
} from './labelPlacement';
import type { Bounds } from './layerBounds';
import { MARKERS_DRAWN, type DrawnCircle } from './markerView';

export interface RegionLabelsProps {
  shapes: readonly RegionShapeMeta[];
  /** Label text by shape code, in the UI language. */
  names: ReadonlyMap<string, string>;
  /** Shape codes, most important label first (labelPlacement.citiesFirst). */
  priority: readonly string[];
  /** The count badge's text by shape code (open appeals); a shape without one has no badge. */
  counts: ReadonlyMap<string, string>;
  /** The layer's bounds: the badges show at the country view of them (countryView.ts). */
  countryBounds: Bounds;
  /** Counts placed before names (labelPlacement.arrangeCountsFirst): the wall's read-only map. */
  isCountsFirst?: boolean;
}

const PANE = 'regionLabels';
const HIDDEN = 'region-label--hidden';
const COMPACT = 'region-label--compact';
const BADGES = 'region-labels--badges';

/** A label: the positioned box (moved to stay clear), the inline plate holding the name, the count badge. */
interface Label {
  box: HTMLElement;
  plate: HTMLElement;
  badge: HTMLElement;
}

interface Size {
  width: number;
  height: number;
  badge: { width: number; height: number } | null;
}

function writeNames(labels: ReadonlyMap<string, Label>, names: ReadonlyMap<string, string>): void {
  for (const [code, { plate }] of labels) plate.textContent = names.get(code) ?? code;
}

/** Writes the badges' counts; true when a text changed length (the sizes must be measured again). */
function writeCounts(labels: ReadonlyMap<string, Label>, counts: ReadonlyMap<string, string>): boolean {
  let isResized = false;
  for (const [code, { badge }] of labels) {
    const text = counts.get(code) ?? '';
    if (badge.textContent === text) continue;
    if ((badge.textContent ?? '').length !== text.length) isResized = true;
    badge.textContent = text;
    badge.hidden = text === '';
  }
  return isResized;
}

/**
 * How far the name plate reaches beyond its label's box, px [x, y]. The plate is inline (a
 * plate per line of a long name), so its glyphs' full height and vertical padding overflow
 * the line box: 8 px at the wall's 4K type, past the labels' gap, onto the badge of the
 * label above. The largest side of each axis, in layout px (unscaled).
 */
function plateOverhang(box: HTMLElement, plate: HTMLElement): [number, number] {
  const outer = box.getBoundingClientRect();
  const inner = plate.getBoundingClientRect();
  if (inner.width === 0 || box.offsetWidth === 0) return [0, 0];
  const scale = outer.width / box.offsetWidth || 1;
  const x = Math.max(0, outer.left - inner.left, inner.right - outer.right);
  const y = Math.max(0, outer.top - inner.top, inner.bottom - outer.bottom);
  return [Math.ceil(x / scale), Math.ceil(y / scale)];
}

/**
 * Region names at each shape's label point: HTML (DivIcon) markers in a pane above the
 * outlines and the live markers, which lets clicks through. At the country view each name
 * carries its region's count badge beneath it (no clusters are drawn there: MarkersLayer),
 * so a name can never cover a count; closer in the badges go and the names step clear of
 * the clusters. Placement (labelPlacement.arrangeBadgedLabels): the three big cities
 * first, every label at the nearest free place around its point, the badge alone where
 * the name does not fit, hidden where nothing does. Built once per layer; a language
 * switch rewrites the text in place. Sizes are measured only when a text's length or the
 * view mode changes, so a re-arrangement never forces a layout.
 */
/** The map's drawable area for labels: its box less the attribution line at the bottom (px). */
interface LabelArea {
  width: number;
  height: number;
}

/**
 * A placement moved the least way back inside the map's area (the wall: its fit leaves only
 * half an em of margin, and counts pushed off an edge region's outline were cut by the map's
 * top edge or drawn under the credit). A box larger than the area keeps its centre.
 */
function keepInside(box: BadgedLabelBox, placement: LabelPlacement, area: LabelArea): LabelPlacement {
  const size = placement.isCompact && box.compact ? box.compact : box;
  const [dx, dy] = placement.shift;
  const cx = box.x + box.width / 2 + dx;
  const cy = box.y + box.height / 2 + dy;
  const into = (centre: number, half: number, end: number) =>
    2 * half >= end ? 0 : Math.max(half - centre, 0) - Math.max(centre + half - end, 0);
  const [mx, my] = [into(cx, size.width / 2, area.width), into(cy, size.height / 2, area.height)];
  return mx === 0 && my === 0 ? placement : { ...placement, shift: [dx + mx, dy + my] };
}

/** Moves tried (in label boxes) when a label kept inside lands on another: none, then aside. */
const NUDGES: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.5, 0],
  [-0.5, 0],
  [0, 0.5],
  [0, -0.5],
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/** The map's area for labels: its size less the credit line at the bottom. */
function labelAreaOf(map: ReturnType<typeof useMap>): LabelArea {
  const size = map.getSize();
  const credit = map.getContainer().querySelector<HTMLElement>('.leaflet-control-attribution');
  return { width: size.x, height: size.y - (credit?.offsetHeight ?? 0) };
}

/** A placed label's box (the badge alone when compact). */
function placedBox(box: BadgedLabelBox, placement: LabelPlacement): LabelArea & { x: number; y: number } {
  const size = placement.isCompact && box.compact ? box.compact : box;
  const [dx, dy] = placement.shift;
  return {
    x: box.x + (box.width - size.width) / 2 + dx,
    y: box.y + (box.height - size.height) / 2 + dy,
    width: size.width,
    height: size.height,
  };
}

/**
 * The placements with each label moved back inside the area (keepInside) when its point is
 * in it. `isEveryMove`: every label and every move (the wall, as before); else only a label
 * that reaches past the area, and only to a place clear of the others (kept before it, or
 * still to come): inside on its place or a little aside, or its badge alone; else it stays
 * where the arrangement put it.
 */
function keepLabelsInside(
  boxes: readonly BadgedLabelBox[],
  placements: ReadonlyMap<string, LabelPlacement>,
  area: LabelArea,
  isEveryMove: boolean,
): Map<string, LabelPlacement> {
  const kept = new Map<string, LabelPlacement>();
  const drawn: (LabelArea & { x: number; y: number })[] = [];
  const apart = (a: LabelArea & { x: number; y: number }, b: LabelArea & { x: number; y: number }) =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  const ordered = [...boxes].sort((a, b) => Number(placements.has(b.code)) - Number(placements.has(a.code)));
  for (const box of ordered) {
    const placement = placements.get(box.code);
    if (!placement) continue;
    const [px, py] = [box.x + box.width / 2, box.y + box.height / 2];
    const isOnMap = px >= 0 && px <= area.width && py >= 0 && py <= area.height;
    const others = boxes
      .filter((other) => other.code !== box.code && placements.has(other.code) && !kept.has(other.code))
      .map((other) => placedBox(other, placements.get(other.code) as LabelPlacement));
    const isClear = (candidate: LabelPlacement) =>
      [...drawn, ...others].every((other) => apart(placedBox(box, candidate), other));
    // Kept inside on its place, else half or a whole box aside (a city at the country's edge
    // next to its neighbours' counts); not clear anywhere: its badge alone (a big city keeps
    // its name), else as arranged (cut).
    const inside = (candidate: LabelPlacement) =>
      NUDGES.map(([kx, ky]) => {
        const size = candidate.isCompact && box.compact ? box.compact : box;
        const [dx, dy] = candidate.shift;
        const nudged = { ...candidate, shift: [dx + kx * size.width, dy + ky * size.height] as const };
        return keepInside(box, nudged, area);
      });
    const isCity = (ALWAYS_LABELLED as readonly string[]).includes(box.code);
    let chosen = placement;
    if (isEveryMove) chosen = keepInside(box, placement, area);
    else if (isOnMap && keepInside(box, placement, area) !== placement) {
      const badge = box.compact && !placement.isCompact && !isCity ? { ...placement, isCompact: true } : null;
      chosen = inside(placement).find(isClear) ?? (badge ? inside(badge).find(isClear) : undefined) ?? placement;
    }
    kept.set(box.code, chosen);
    drawn.push(placedBox(box, chosen));
  }
  return kept;
}

export function RegionLabels({
  shapes,
  names,
  priority,
  counts,
  countryBounds,
  isCountsFirst = false,
}: RegionLabelsProps) {
  const map = useMap();
  const paneRef = useRef<HTMLElement | null>(null);
  const labelsRef = useRef(new Map<string, Label>());
  const sizesRef = useRef(new Map<string, Size>());
  const obstaclesRef = useRef<readonly LabelObstacle[]>([]);
  const placementsRef = useRef<ReadonlyMap<string, LabelPlacement>>(new Map());
  const badgesRef = useRef<boolean | null>(null);

  const measure = useEffectEvent(() => {
    const sizes = new Map<string, Size>();
    // Compact labels would measure as their badge: measure every label whole.
    for (const { box } of labelsRef.current.values()) box.classList.remove(COMPACT);
    // Layout sizes (the translate does not change them), badges shown or not as the mode says,
    // grown by the name plate's overhang on both sides (kept centred on the point).
    for (const [code, { box, plate, badge }] of labelsRef.current) {
      const hasBadge = badgesRef.current === true && !badge.hidden;
      const [x, y] = plateOverhang(box, plate);
      sizes.set(code, {
        width: box.offsetWidth + 2 * x,
        height: box.offsetHeight + 2 * y,
        badge: hasBadge ? { width: badge.offsetWidth, height: badge.offsetHeight } : null,
      });
    }
    sizesRef.current = sizes;
  });

  const declutter = useEffectEvent(() => {
    const badges = isCountryView(map, countryBounds, isCountsFirst);
    if (badges !== badgesRef.current) {
      badgesRef.current = badges;
      paneRef.current?.classList.toggle(BADGES, badges);
      placementsRef.current = new Map();
      measure();
    }
    const boxes: BadgedLabelBox[] = [];
    for (const shape of shapes) {
      const size = sizesRef.current.get(shape.code);
      if (!size || size.width === 0) continue;
      const point = map.latLngToContainerPoint([shape.lat, shape.lng]);
      const { width, height } = size;
      boxes.push({
        code: shape.code,
        x: point.x - width / 2,
        y: point.y - height / 2,
        width,
        height,
        compact: size.badge,
      });
    }
    const obstacles = badges ? [] : obstaclesRef.current;
    const arrange = isCountsFirst ? arrangeCountsFirst : arrangeBadgedLabels;
    let placements = arrange(boxes, priority, obstacles, placementsRef.current);
    // Every label whose point is on the map is kept inside its box (the wall first, then every
    // map: a region name at the region page's side map was cut by the left edge). A label whose
    // point the user panned away stays where it is. The wall's map is never moved, so it takes
    // each move; the others only a move that lands clear of the labels already kept.
    placements = keepLabelsInside(boxes, placements, labelAreaOf(map), isCountsFirst);
    for (const [code, { box }] of labelsRef.current) {
      const placement = placements.get(code);
      box.classList.toggle(HIDDEN, placement === undefined);
      box.classList.toggle(COMPACT, placement?.isCompact === true);
      const [dx, dy] = (placement?.shift ?? [0, 0]).map(Math.round) as [number, number];
      const transform = dx === 0 && dy === 0 ? '' : `translate(calc(-50% + ${dx}px), calc(-50% + ${dy}px))`;
      // Written only when it changes: most updates move no label.
      if (box.style.transform !== transform) box.style.setProperty('transform', transform);
    }
    placementsRef.current = placements;
  });

  useEffect(() => {
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.classList.add('region-labels');
    paneRef.current = pane;
    const labels = new Map<string, Label>();
    const group = layerGroup();
    for (const shape of shapes) {
      const box = document.createElement('span');
      box.className = 'region-label__text';
      box.dataset.code = shape.code;
      box.dataset.testid = 'region-label';
      const plate = document.createElement('span');
      plate.className = 'region-label__plate';
      const badge = document.createElement('span');
      badge.className = 'region-label__badge';
      badge.dataset.testid = 'region-badge';
      badge.hidden = true;
      box.append(plate, badge);
      labels.set(shape.code, { box, plate, badge });
      const icon = divIcon({ className: 'region-label', html: box, iconSize: [0, 0] });
      marker([shape.lat, shape.lng], { icon, interactive: false, keyboard: false, pane: PANE }).addTo(group);
    }
    group.addTo(map);
    labelsRef.current = labels;
    placementsRef.current = new Map();
    badgesRef.current = null;
    // A resize may change the type size (the wall scales it with the screen): measure again.
    const onView = () => {
      measure();
      declutter();
    };
    // Clusters of the previous zoom are gone: forget them until the markers are redrawn.
    const onZoom = () => {
      obstaclesRef.current = [];
      declutter();
    };
    const onMarkers = (event: LeafletEvent) => {
      obstaclesRef.current = (event as LeafletEvent & { circles: DrawnCircle[] }).circles;
      declutter();
    };
    map.on('zoomend', onZoom);
    map.on('resize', onView);
    map.on(MARKERS_DRAWN, onMarkers);
    return () => {
      map.off('zoomend', onZoom);
      map.off('resize', onView);
      map.off(MARKERS_DRAWN, onMarkers);
      group.remove();
      labelsRef.current = new Map();
    };
  }, [map, shapes]);

  useEffect(() => {
    writeNames(labelsRef.current, names);
    measure();
    declutter();
  }, [names, shapes, priority]);

  useEffect(() => {
    if (writeCounts(labelsRef.current, counts)) {
      measure();
      declutter();
    }
  }, [counts, shapes]);

  return null;
}
