import type { TooltipModel } from './tooltipModel';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A tooltip's DOM, built with textContent only: names come from a region pack, and a
 * string handed to Leaflet would be parsed as HTML.
 */
export function tooltipElement(model: TooltipModel): HTMLElement {
  const root = element('div', 'region-tooltip__body');
  root.append(element('strong', 'region-tooltip__title', model.title));
  for (const note of model.notes) root.append(element('p', 'region-tooltip__note', note));
  const list = element('dl', 'region-tooltip__rows');
  for (const row of model.rows) {
    const line = element('div', 'region-tooltip__row');
    line.append(element('dt', 'region-tooltip__label', row.label), element('dd', 'region-tooltip__value', row.value));
    list.append(line);
  }
  root.append(list);
  return root;
}
