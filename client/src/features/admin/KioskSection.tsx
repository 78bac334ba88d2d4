import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminApi, type KioskToken } from './adminApi';
import { KioskIssueForm } from './KioskIssueForm';
import { KioskTable } from './KioskTable';
import { OneTimeSecret } from './OneTimeSecret';
import { useResource } from './useResource';

/** Wall-screen links: the list (revoke) and the issue form (the URL is shown once). */
export function KioskSection() {
  const { t } = useTranslation();
  const api = useAdminApi();
  const headingId = useId();
  const tokens = useResource(useCallback(() => api.listKioskTokens(), [api]));
  const [issued, setIssued] = useState<{ url: string; label: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const revoke = async (token: KioskToken) => {
    setBusyId(token.id);
    setMessage(null);
    const result = await api.revokeKioskToken(token.id);
    setBusyId(null);
    setMessage(
      result.ok ? t('kiosks.revoked', { label: token.label }) : t('admin.actionFailed', { status: result.status }),
    );
    tokens.reload();
  };

  const list = tokens.data?.tokens ?? null;
  return (
    <section id="kiosks" className="admin-section" aria-labelledby={headingId} data-testid="admin-kiosks">
      <div className="admin-section__head">
        <h2 id={headingId}>{t('kiosks.title')}</h2>
        <button type="button" className="button button--small" onClick={tokens.reload}>
          {t('admin.refresh')}
        </button>
      </div>
      {tokens.hasFailed && <p role="alert">{t('admin.loadFailed')}</p>}
      {message && (
        <p role="status" className="admin-section__message">
          {message}
        </p>
      )}
      {list && list.length === 0 && <p>{t('kiosks.empty')}</p>}
      {list && list.length > 0 && <KioskTable tokens={list} busyId={busyId} onRevoke={(token) => void revoke(token)} />}
      {issued && (
        <OneTimeSecret
          title={t('kiosks.issued', { label: issued.label })}
          value={issued.url}
          testId="kiosk-url"
          onDismiss={() => setIssued(null)}
        />
      )}
      <KioskIssueForm
        api={api}
        onIssued={(url, label) => {
          setIssued({ url, label });
          setMessage(null);
          tokens.reload();
        }}
      />
    </section>
  );
}
