import type { Appeal } from '@shared';
import { useId, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { regionName } from '../../i18n/names';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import { navigate } from '../../navigation';
import { useNow } from '../../realtime/clock';
import { appealPath } from '../../routes';
import { priorityTone } from '../feed/tones';

export interface LinkedAppealsProps {
  appeals: readonly Appeal[];
  /** Linked ids neither memory nor the archive holds. */
  unknownCount: number;
}

const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/** The incident's appeals: number (a link to its page), status, priority, region, how long ago it came in. */
export function LinkedAppeals({ appeals, unknownCount }: LinkedAppealsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  const now = useNow();
  const headingId = useId();
  return (
    <section className="panel incident-appeals" aria-labelledby={headingId} data-testid="incident-appeals">
      <h2 id={headingId} className="panel__title">
        {t('incidentPage.linked', { count: appeals.length + unknownCount })}
      </h2>
      {appeals.length === 0 ? (
        <p className="appeal-timeline__empty">{t('incidentPage.linkedEmpty')}</p>
      ) : (
        <table className="incident-appeals__table">
          <thead>
            <tr>
              <th scope="col">{t('incidentPage.column.id')}</th>
              <th scope="col">{t('incidentPage.column.status')}</th>
              <th scope="col">{t('incidentPage.column.priority')}</th>
              <th scope="col">{t('incidentPage.column.region')}</th>
              <th scope="col">{t('incidentPage.column.age')}</th>
            </tr>
          </thead>
          <tbody>
            {appeals.map((appeal) => (
              <tr key={appeal.id} data-testid="incident-appeal" data-appeal-id={appeal.id} data-status={appeal.status}>
                <td>
                  <a
                    href={appealPath(appeal.id)}
                    onClick={(event) => {
                      if (!isPlainClick(event)) return;
                      event.preventDefault();
                      navigate(appealPath(appeal.id));
                    }}
                  >
                    {appeal.id}
                  </a>
                </td>
                <td>{t(`status.${appeal.status}`)}</td>
                <td>
                  <Badge tone={priorityTone(appeal.priority)}>{t(`priority.${appeal.priority}`)}</Badge>
                </td>
                <td>{regionName(appeal.region, language)}</td>
                <td>
                  <time dateTime={formatters.isoInstant(appeal.registeredAt)}>
                    {formatters.ago(now - appeal.registeredAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unknownCount > 0 && (
        <p className="appeal-facts__subtitle">{t('incidentPage.unknownAppeals', { count: unknownCount })}</p>
      )}
    </section>
  );
}
