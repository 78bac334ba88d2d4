import type { RegionLayer } from '@shared';
import { geoJSON, svg, type GeoJSONOptions, type Path, type PathOptions } from 'leaflet';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { shapeStyle, type ShapeLook } from './shapeStyle';

export interface ShapesLayerProps {
  layer: RegionLayer;
  looks: ReadonlyMap<string, ShapeLook>;
  /** Shape names in the UI language (accessible names of the outlines). */
  names: ReadonlyMap<string, string>;
  /** A shape's tooltip, built when it opens (and again while it is open and figures change). */
  tooltipOf: (code: string) => HTMLElement;
  onSelect: (code: string) => void;
  /**
   * False on a read-only map (the wall screen): the outlines are drawn only, with no click,
   * focus or tooltip. Default true.
   */
  isInteractive?: boolean;
}

/** A class-name-safe form of a shape code (pack codes are free text). */
function classSafe(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The region outlines, built once per layer and then only restyled: a stats update
 * changes colours through `setStyle` on the existing paths, so zoom, pan, an open tooltip
 * and the selection outline all stay as they are. Drawn with their own SVG renderer
 * (the map prefers canvas for the many markers of later issues) so that each outline is
 * a DOM element with a class, `data-code` and keyboard access.
 */
export function ShapesLayer({ layer, looks, names, tooltipOf, onSelect, isInteractive = true }: ShapesLayerProps) {
  const map = useMap();
  const pathsRef = useRef(new Map<string, Path[]>());
  const selectedRef = useRef<string | null>(null);
  const select = useEffectEvent((code: string) => onSelect(code));
  const tooltip = useEffectEvent((code: string) => tooltipOf(code));

  useEffect(() => {
    const paths = new Map<string, Path[]>();
    const options: GeoJSONOptions & PathOptions = {
      renderer: svg({ padding: 0.5 }),
      interactive: isInteractive,
      // Applied before the paths exist, so the class lands on each SVG element.
      style: (feature) => ({ className: `region-shape region-shape--${classSafe(String(feature?.properties.code))}` }),
      onEachFeature: (feature, created) => {
        const code = String(feature.properties.code);
        const path = created as Path;
        paths.set(code, [...(paths.get(code) ?? []), path]);
        if (!isInteractive) return;
        path.on('click', () => select(code));
        // 'auto' opens it on the side facing the map's middle, so it is not cut off at an edge.
        path.bindTooltip(() => tooltip(code), {
          sticky: true,
          direction: 'auto',
          offset: [16, 0],
          opacity: 1,
          className: 'region-tooltip',
        });
      },
    };
    const group = geoJSON(layer.geojson, options).addTo(map);
    for (const [code, list] of paths) {
      for (const path of list) {
        const element = path.getElement();
        if (!element) continue;
        element.setAttribute('data-code', code);
        element.setAttribute('data-testid', 'region-shape');
        // Read-only (the wall): a named image, since a bare path may not carry aria-label (axe aria-prohibited-attr).
        if (!isInteractive) {
          element.setAttribute('role', 'img');
          continue;
        }
        element.setAttribute('role', 'button');
        element.setAttribute('tabindex', '0');
        element.addEventListener('keydown', (event) => {
          if (!(event instanceof KeyboardEvent) || (event.key !== 'Enter' && event.key !== ' ')) return;
          event.preventDefault();
          select(code);
        });
      }
    }
    pathsRef.current = paths;
    selectedRef.current = null;
    return () => {
      group.remove();
      pathsRef.current = new Map();
    };
  }, [map, layer, isInteractive]);

  // Figures, KPI or selection changed: restyle in place.
  useEffect(() => {
    let selected: string | null = null;
    for (const [code, list] of pathsRef.current) {
      const look = looks.get(code);
      if (look?.isSelected) selected = code;
      for (const path of list) {
        path.setStyle(shapeStyle(look));
        const element = path.getElement();
        element?.classList.toggle('region-shape--selected', look?.isSelected ?? false);
        element?.classList.toggle('region-shape--no-data', !(look?.hasData ?? false));
        if (isInteractive) element?.setAttribute('aria-pressed', String(look?.isSelected ?? false));
      }
    }
    // Lift a newly selected outline above its neighbours so its border shows whole.
    if (selected !== null && selected !== selectedRef.current) {
      for (const path of pathsRef.current.get(selected) ?? []) {
        const element = path.getElement();
        const hadFocus = element !== undefined && element === document.activeElement;
        path.bringToFront();
        // Moving a focused SVG element drops its focus; give it back (keyboard selection).
        if (hadFocus && element instanceof SVGElement) element.focus();
      }
    }
    selectedRef.current = selected;
  }, [looks, layer, isInteractive]);

  useEffect(() => {
    for (const [code, list] of pathsRef.current) {
      for (const path of list) path.getElement()?.setAttribute('aria-label', names.get(code) ?? code);
    }
  }, [names, layer]);

  // An open tooltip follows the figures and the language.
  useEffect(() => {
    for (const list of pathsRef.current.values()) {
      for (const path of list) if (path.getTooltip()?.isOpen()) path.getTooltip()?.update();
    }
  }, [tooltipOf, layer]);

  return null;
}
