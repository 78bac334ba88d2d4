import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useFormatters, useLanguage } from '../../i18n/useLanguage';
import type { KioskToken } from './adminApi';
import { describeScope } from './regionScope';

export interface KioskTableProps {
  tokens: readonly KioskToken[];
  /** The token being revoked, if any. */
  busyId: string | null;
  onRevoke(token: KioskToken): void;
}

/** Issued wall-screen links (their secrets are never shown again), each revocable. */
export function KioskTable({ tokens, busyId, onRevoke }: KioskTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatters = useFormatters();
  return (
    <div className="admin-table__scroll" tabIndex={0} role="region" aria-label={t('kiosks.title')}>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('kiosks.label')}</th>
            <th scope="col">{t('kiosks.regions')}</th>
            <th scope="col">{t('kiosks.createdBy')}</th>
            <th scope="col">{t('kiosks.createdAt')}</th>
            <th scope="col">{t('kiosks.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-testid="kiosk-row" data-kiosk-id={token.id}>
              <th scope="row">{token.label}</th>
              <td>{describeScope(token.regions, language, t)}</td>
              <td>{token.createdBy}</td>
              <td>{formatters.dateTime(Date.parse(token.createdAt))}</td>
              <td>
                <ConfirmButton
                  label={t('kiosks.revoke')}
                  question={t('kiosks.confirmRevoke', { label: token.label })}
                  testId="kiosk-revoke"
                  disabled={busyId === token.id}
                  onConfirm={() => onRevoke(token)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
