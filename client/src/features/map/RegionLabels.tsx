import type { RegionShapeMeta } from '@shared';
import { divIcon, layerGroup, marker, type LeafletEvent } from 'leaflet';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { arrangeLabels, type LabelBox, type LabelObstacle, type LabelShift } from './labelPlacement';
import { MARKERS_DRAWN, type DrawnCircle } from './markerView';

export interface RegionLabelsProps {
  shapes: readonly RegionShapeMeta[];
  /** Label text by shape code, in the UI language. */
  names: ReadonlyMap<string, string>;
  /** Shape codes, most important label first (the larger outline wins a collision). */
  priority: readonly string[];
}

const PANE = 'regionLabels';
const HIDDEN = 'region-label--hidden';

/** A label: the positioned box (moved to clear clusters) and the inline plate holding the name. */
interface Label {
  box: HTMLElement;
  plate: HTMLElement;
}

function writeNames(labels: ReadonlyMap<string, Label>, names: ReadonlyMap<string, string>): void {
  for (const [code, { plate }] of labels) plate.textContent = names.get(code) ?? code;
}

/**
 * Region names at each shape's label point: HTML (DivIcon) markers in a pane above the
 * outlines and the live markers, which lets clicks through. Built once per layer; a
 * language switch rewrites the text in place. Labels that would overlap are hidden until
 * the zoom leaves room; a label over a marker cluster moves just clear of it
 * (labelPlacement.ts), re-arranged after each marker redraw. Label sizes are measured
 * only when the text changes, so a re-arrangement never forces a layout.
 */
export function RegionLabels({ shapes, names, priority }: RegionLabelsProps) {
  const map = useMap();
  const labelsRef = useRef(new Map<string, Label>());
  const sizesRef = useRef(new Map<string, { width: number; height: number }>());
  const obstaclesRef = useRef<readonly LabelObstacle[]>([]);
  const shiftsRef = useRef<ReadonlyMap<string, LabelShift>>(new Map());

  const measure = useEffectEvent(() => {
    const sizes = new Map<string, { width: number; height: number }>();
    // The plate is inline: its box is the text as wrapped, not the label's max width.
    for (const [code, { plate }] of labelsRef.current) {
      const { width, height } = plate.getBoundingClientRect();
      sizes.set(code, { width, height });
    }
    sizesRef.current = sizes;
  });

  const declutter = useEffectEvent(() => {
    const boxes: LabelBox[] = [];
    for (const shape of shapes) {
      const size = sizesRef.current.get(shape.code);
      if (!size) continue;
      const point = map.latLngToContainerPoint([shape.lat, shape.lng]);
      boxes.push({ code: shape.code, x: point.x - size.width / 2, y: point.y - size.height / 2, ...size });
    }
    const shifts = arrangeLabels(boxes, priority, obstaclesRef.current, shiftsRef.current);
    for (const [code, { box: text }] of labelsRef.current) {
      const shift = shifts.get(code);
      text.classList.toggle(HIDDEN, shift === undefined);
      const [dx, dy] = (shift ?? [0, 0]).map(Math.round) as [number, number];
      const transform = dx === 0 && dy === 0 ? '' : `translate(calc(-50% + ${dx}px), calc(-50% + ${dy}px))`;
      // Written only when it changes: most updates move no label.
      if (text.style.transform !== transform) text.style.setProperty('transform', transform);
    }
    shiftsRef.current = shifts;
  });

  useEffect(() => {
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.classList.add('region-labels');
    const labels = new Map<string, Label>();
    const group = layerGroup();
    for (const shape of shapes) {
      const text = document.createElement('span');
      text.className = 'region-label__text';
      const plate = document.createElement('span');
      plate.className = 'region-label__plate';
      text.append(plate);
      labels.set(shape.code, { box: text, plate });
      const icon = divIcon({ className: 'region-label', html: text, iconSize: [0, 0] });
      marker([shape.lat, shape.lng], { icon, interactive: false, keyboard: false, pane: PANE }).addTo(group);
    }
    group.addTo(map);
    labelsRef.current = labels;
    shiftsRef.current = new Map();
    const onView = () => declutter();
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

  return null;
}
