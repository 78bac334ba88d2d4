import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_VALUE } from '../../i18n/format';
import { useFormatters } from '../../i18n/useLanguage';
import { isStreamOverLimit, useArchiveHealth, type ArchiveHealth, type ArchiveHealthState } from './archiveHealth';
import './archiveStatus.css';

/** Anchor of the archive section on the admin page. */
export const ARCHIVE_ANCHOR = 'archive';

/**
 * The archive's state for the admin: who archives, how far behind, the stream's size against
 * STREAM_MAX_ENTRIES. Read-only; reads `GET /api/health` every 10 s while shown.
 */
export function ArchiveStatus({ className }: { className?: string }) {
  return <ArchiveStatusView state={useArchiveHealth()} className={className} />;
}

/** The section for a given state (no requests: markup tests render it directly). */
export function ArchiveStatusView({ state, className }: { state: ArchiveHealthState; className?: string }) {
  const { t } = useTranslation();
  const titleId = `${useId()}-title`;
  const { status, archive } = state;
  return (
    <section
      id={ARCHIVE_ANCHOR}
      className={['archive-status', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      aria-busy={status === 'loading'}
      data-testid="archive-status"
      data-state={archive?.state ?? status}
    >
      <h2 id={titleId}>{t('archiveStatus.title')}</h2>
      {status === 'loading' && <p role="status">{t('archiveStatus.loading')}</p>}
      {status === 'hidden' && <p className="archive-status__note">{t('archiveStatus.hidden')}</p>}
      {status === 'failed' && (
        <p className="archive-status__error" role="alert">
          {t('archiveStatus.failed')}
        </p>
      )}
      {archive && <ArchiveFacts archive={archive} />}
    </section>
  );
}

function ArchiveFacts({ archive }: { archive: ArchiveHealth }) {
  const { t } = useTranslation();
  const formatters = useFormatters();
  const isOver = isStreamOverLimit(archive);
  const isBad = archive.state === 'down' || archive.state === 'behind';
  const lag = t(archive.lagIsExact ? 'archiveStatus.lagValue' : 'archiveStatus.lagEstimate', {
    entries: formatters.count(archive.lagEntries),
    duration: formatters.duration(archive.lagSeconds * 1000),
  });
  return (
    <>
      <p className={`archive-status__state${isBad ? ' is-bad' : ''}`} data-testid="archive-state">
        {t(`archiveStatus.state.${archive.state}`)}
      </p>
      {(isOver || archive.state === 'down') && (
        <p className="archive-status__alert" role="alert">
          {isOver ? t('archiveStatus.streamOver') : t('archiveStatus.downNote')}
        </p>
      )}
      {archive.state !== 'disabled' && (
        <dl className="archive-status__facts">
          <div>
            <dt>{t('archiveStatus.database')}</dt>
            <dd>{archive.mode ? t(`archiveStatus.mode.${archive.mode}`) : NO_VALUE}</dd>
          </div>
          <div>
            <dt>{t('archiveStatus.lag')}</dt>
            <dd data-testid="archive-lag">{lag}</dd>
          </div>
          <div>
            <dt>{t('archiveStatus.lastBatch')}</dt>
            <dd>{archive.lastBatchAt === null ? NO_VALUE : formatters.time(archive.lastBatchAt)}</dd>
          </div>
          <div className={isOver ? 'is-bad' : undefined}>
            <dt>{t('archiveStatus.stream')}</dt>
            <dd data-testid="archive-stream">
              {archive.streamLength === null
                ? NO_VALUE
                : t('archiveStatus.streamValue', {
                    length: formatters.count(archive.streamLength),
                    limit: formatters.count(archive.streamLimit),
                  })}
            </dd>
          </div>
          {archive.lastError && (
            <div>
              <dt>{t('archiveStatus.error')}</dt>
              <dd className="archive-status__reason">{archive.lastError}</dd>
            </div>
          )}
        </dl>
      )}
    </>
  );
}
