import type { RegionShapeMeta } from '@shared';
import { divIcon, layerGroup, marker } from 'leaflet';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { placeLabels, type LabelBox } from './labelPlacement';

export interface RegionLabelsProps {
  shapes: readonly RegionShapeMeta[];
  /** Label text by shape code, in the UI language. */
  names: ReadonlyMap<string, string>;
  /** Shape codes, most important label first (the larger outline wins a collision). */
  priority: readonly string[];
}

const PANE = 'regionLabels';
const HIDDEN = 'region-label--hidden';

function writeNames(texts: ReadonlyMap<string, HTMLElement>, names: ReadonlyMap<string, string>): void {
  for (const [code, text] of texts) text.textContent = names.get(code) ?? code;
}

/**
 * Region names at each shape's label point: HTML (DivIcon) markers in a pane above the
 * outlines that lets clicks through. Built once per layer; a language switch rewrites the
 * text in place. Labels that would overlap are hidden until the zoom leaves room.
 */
export function RegionLabels({ shapes, names, priority }: RegionLabelsProps) {
  const map = useMap();
  const textsRef = useRef(new Map<string, HTMLElement>());

  const declutter = useEffectEvent(() => {
    const boxes: LabelBox[] = [];
    for (const shape of shapes) {
      const text = textsRef.current.get(shape.code);
      if (!text) continue;
      const point = map.latLngToContainerPoint([shape.lat, shape.lng]);
      const { width, height } = text.getBoundingClientRect();
      boxes.push({ code: shape.code, x: point.x - width / 2, y: point.y - height / 2, width, height });
    }
    const visible = placeLabels(boxes, priority);
    for (const [code, text] of textsRef.current) text.classList.toggle(HIDDEN, !visible.has(code));
  });

  useEffect(() => {
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.classList.add('region-labels');
    const texts = new Map<string, HTMLElement>();
    const group = layerGroup();
    for (const shape of shapes) {
      const text = document.createElement('span');
      text.className = 'region-label__text';
      texts.set(shape.code, text);
      const icon = divIcon({ className: 'region-label', html: text, iconSize: [0, 0] });
      marker([shape.lat, shape.lng], { icon, interactive: false, keyboard: false, pane: PANE }).addTo(group);
    }
    group.addTo(map);
    textsRef.current = texts;
    const onView = () => declutter();
    map.on('zoomend resize', onView);
    return () => {
      map.off('zoomend resize', onView);
      group.remove();
      textsRef.current = new Map();
    };
  }, [map, shapes]);

  useEffect(() => {
    writeNames(textsRef.current, names);
    declutter();
  }, [names, shapes, priority]);

  return null;
}
