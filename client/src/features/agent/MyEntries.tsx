import { startOfKzDay } from '@shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../realtime/clock';
import { EntryRow } from './EntryRow';
import type { EntryRow as Row } from './myEntries';
import type { MineStatus } from './useMine';

export interface MyEntriesProps {
  rows: readonly Row[];
  /** How loading the earlier entries went. */
  status: MineStatus;
  replicaCursor: string;
}

/** The agent's last 20 entries with their live status and quick status changes. */
export function MyEntries({ rows, status, replicaCursor }: MyEntriesProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const now = useNow();
  const headingId = useId();
  const todayFrom = startOfKzDay(now);
  return (
    <section
      className="panel agent-entries"
      data-testid="agent-entries"
      data-status={status}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="panel__title">
        {t('agent.entries.title')}
      </h2>
      {status === 'failed' && (
        <p className="agent-entries__note" role="status">
          {t('agent.entries.loadFailed')}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="agent-entries__empty">
          {status === 'loading' ? t('agent.entries.loading') : t('agent.entries.empty')}
        </p>
      ) : (
        <ol className="agent-entries__list">
          {rows.map((row) => (
            <EntryRow
              key={row.id}
              row={row}
              replicaCursor={replicaCursor}
              todayFrom={todayFrom}
              language={language}
              formatters={formatters}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
