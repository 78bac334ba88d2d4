import type { RegionShapeMeta, Severity } from '@shared';
import type { TFunction } from 'i18next';
import { NO_VALUE, type Formatters } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { regionName } from '../../i18n/names';
import { formatLoad } from './kpiFormat';
import type { ShapeKpis } from './mapKpis';

/** What a shape's tooltip says: its name, its figures, and notes on what it shows. */
export interface TooltipModel {
  title: string;
  rows: { label: string; value: string }[];
  notes: string[];
}

/** The included regions other than the shape itself (Abai in East Kazakhstan), by name. */
export function includedNames(shape: Pick<RegionShapeMeta, 'code' | 'includes'>, language: Language): string[] {
  return shape.includes.filter((code) => code !== shape.code).map((code) => regionName(code, language));
}

/** Notes under a shape's name: aggregated 2022 oblasts, an approximate outline, no figures. */
export function shapeNotes(
  shape: Pick<RegionShapeMeta, 'code' | 'includes' | 'isApproximate'>,
  kpis: ShapeKpis | undefined,
  language: Language,
  t: TFunction,
): string[] {
  const notes: string[] = [];
  const others = includedNames(shape, language);
  if (others.length > 0) notes.push(t('map.includes', { names: others.join(', ') }));
  if (shape.isApproximate) notes.push(t('map.approximate'));
  if (!kpis || kpis.regions.length === 0) notes.push(t('map.noData'));
  return notes;
}

/** The rows of a shape's figures: backlog, overdue (with share), load, median response (1 h). */
export function kpiRows(kpis: ShapeKpis | undefined, t: TFunction, formatters: Formatters): TooltipModel['rows'] {
  const has = kpis !== undefined && kpis.regions.length > 0;
  const overdue =
    has && kpis.overdueShare !== null
      ? `${formatters.count(kpis.overdue)} (${formatters.percent(kpis.overdueShare)})`
      : NO_VALUE;
  return [
    { label: t('kpi.open'), value: has ? formatters.count(kpis.open) : NO_VALUE },
    { label: t('kpi.overdue'), value: overdue },
    { label: t('map.loadShort'), value: has ? formatLoad(kpis.loadPer100k, formatters) : NO_VALUE },
    { label: t('kpi.medianResponse'), value: has ? formatters.duration(kpis.medianResponseMs) : NO_VALUE },
  ];
}

/** The tooltip of one shape in the UI language. Pure (the map turns it into DOM). */
export function tooltipModel(
  shape: RegionShapeMeta,
  kpis: ShapeKpis | undefined,
  language: Language,
  t: TFunction,
  formatters: Formatters,
): TooltipModel {
  return {
    title: shape.name[language],
    rows: kpiRows(kpis, t, formatters),
    notes: shapeNotes(shape, kpis, language, t),
  };
}

/** An incident marker's tooltip: its title, severity and how many appeals are linked to it. */
export function incidentTooltipModel(
  incident: { title: string; severity: Severity; appealCount: number },
  t: TFunction,
  formatters: Formatters,
): TooltipModel {
  return {
    title: incident.title,
    rows: [
      { label: t('map.markers.severity'), value: t(`severity.${incident.severity}`) },
      { label: t('map.markers.linkedAppeals'), value: formatters.count(incident.appealCount) },
    ],
    notes: [],
  };
}
