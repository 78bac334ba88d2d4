import { useTranslation } from 'react-i18next';

/** What the bases and clocks mean, printed with the report (docs/reports.md is the long form). */
export function ReportNotes() {
  const { t } = useTranslation();
  return (
    <dl className="report-notes" data-testid="report-notes">
      <dt>{t('briefing.basis.flowShort')}</dt>
      <dd>{t('briefing.basis.flow')}</dd>
      <dt>{t('briefing.basis.cohortShort')}</dt>
      <dd>{t('briefing.basis.cohort')}</dd>
      <dt>{t('briefing.clock.operational')}</dt>
      <dd>{t('briefing.clock.operationalText')}</dd>
      <dt>{t('briefing.clock.legal')}</dt>
      <dd>{t('briefing.clock.legalText')}</dd>
      <dt>{t('briefing.figures.solvedPositively')}</dt>
      <dd>{t('briefing.notes.solvedPositively')}</dd>
    </dl>
  );
}
