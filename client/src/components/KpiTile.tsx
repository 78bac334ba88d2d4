export interface KpiTileProps {
  label: string;
  value: string;
  testId: string;
  /** `alert` draws the value in the warning colour (e.g. overdue above zero). */
  tone?: 'normal' | 'alert';
}

/** One figure with its label; meant to sit inside a `<dl>`. */
export function KpiTile({ label, value, testId, tone = 'normal' }: KpiTileProps) {
  return (
    <div className={`kpi-tile kpi-tile--${tone}`}>
      <dt className="kpi-tile__label">{label}</dt>
      <dd className="kpi-tile__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
