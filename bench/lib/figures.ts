/**
 * What every bench case returns: its figures (printed as a table and written to
 * bench/results/<date>.json) and the targets checked against them, so the run ends
 * with one table of met and missed targets.
 */
export type FigureValue = number | string | boolean;
export type Figures = Record<string, FigureValue>;

export interface TargetCheck {
  /** What is measured, e.g. "fan-out 1,000 × 1,000/s: p99 XADD→client". */
  what: string;
  value: number;
  /** `<=` means the value must be at most `limit`, `>=` at least. */
  op: '<=' | '>=';
  limit: number;
  unit: string;
}

export interface CaseResult {
  figures: Figures;
  targets: TargetCheck[];
}

export function isMet(check: TargetCheck): boolean {
  if (!Number.isFinite(check.value)) return false;
  return check.op === '<=' ? check.value <= check.limit : check.value >= check.limit;
}

export function target(what: string, value: number, op: '<=' | '>=', limit: number, unit: string): TargetCheck {
  return { what, value, op, limit, unit };
}

/** Rounds for printing: two decimals under 100, whole numbers above. */
export function rounded(value: FigureValue): FigureValue {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
