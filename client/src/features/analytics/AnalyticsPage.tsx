import type { SessionUser } from '@shared';

export interface AnalyticsPageProps {
  user: SessionUser;
}

/** Placeholder until the charts land (being built). */
export function AnalyticsPage(_props: AnalyticsPageProps) {
  return <main data-testid="analytics-page" />;
}
