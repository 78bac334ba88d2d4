import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiRequest } from '../../session/sessionContext';

type Citizen = { name?: string; phone?: string } | null;

type RevealState =
  | { state: 'hidden' }
  | { state: 'loading' }
  | { state: 'shown'; citizen: Citizen }
  | { state: 'failed'; status: number };

export interface RevealContactProps {
  appealId: string;
  /** The masked contact everyone sees (`Ай***`, `+7 7** *** ** 00`). */
  masked: Citizen | undefined;
  canReveal: boolean;
}

function readCitizen(body: unknown): Citizen {
  if (typeof body !== 'object' || body === null || !('citizen' in body)) return null;
  const { citizen } = body;
  if (typeof citizen !== 'object' || citizen === null) return null;
  const name = 'name' in citizen && typeof citizen.name === 'string' ? citizen.name : undefined;
  const phone = 'phone' in citizen && typeof citizen.phone === 'string' ? citizen.phone : undefined;
  return { ...(name !== undefined ? { name } : {}), ...(phone !== undefined ? { phone } : {}) };
}

/**
 * The citizen's contact: masked, and for a supervisor a button that asks the server for it
 * in full (`POST /api/appeals/:id/reveal`, audited). What comes back lives in this
 * component's state only — never in storage, the URL or the store — and goes with "hide"
 * or when the page is left.
 */
export function RevealContact({ appealId, masked, canReveal }: RevealContactProps) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const [reveal, setReveal] = useState<RevealState>({ state: 'hidden' });

  const ask = async () => {
    setReveal({ state: 'loading' });
    const result = await request<unknown>(`/api/appeals/${encodeURIComponent(appealId)}/reveal`, { method: 'POST' });
    setReveal(
      result.ok ? { state: 'shown', citizen: readCitizen(result.data) } : { state: 'failed', status: result.status },
    );
  };

  // Nothing to reveal when not even a masked contact was given.
  const hasContact =
    masked !== undefined && masked !== null && (masked.name !== undefined || masked.phone !== undefined);
  const shown = reveal.state === 'shown' ? reveal.citizen : (masked ?? null);
  const isEmpty = !shown || (shown.name === undefined && shown.phone === undefined);
  return (
    <div className="appeal-contact" data-testid="appeal-contact" data-revealed={reveal.state === 'shown'}>
      {isEmpty ? (
        <span className="appeal-contact__none">{t('appeal.contact.none')}</span>
      ) : (
        <span className="appeal-contact__value">
          {shown.name !== undefined && <span>{shown.name}</span>}
          {shown.name !== undefined && shown.phone !== undefined && ' · '}
          {shown.phone !== undefined &&
            (reveal.state === 'shown' ? <a href={`tel:${shown.phone}`}>{shown.phone}</a> : <span>{shown.phone}</span>)}
        </span>
      )}
      {canReveal && hasContact && reveal.state !== 'shown' && (
        <button
          type="button"
          className="button button--small"
          disabled={reveal.state === 'loading'}
          data-testid="appeal-reveal"
          onClick={() => void ask()}
        >
          {t('appeal.contact.reveal')}
        </button>
      )}
      {reveal.state === 'shown' && (
        <>
          <span className="appeal-contact__note">{t('appeal.contact.audited')}</span>
          <button type="button" className="button button--small" onClick={() => setReveal({ state: 'hidden' })}>
            {t('appeal.contact.hide')}
          </button>
        </>
      )}
      {reveal.state === 'failed' && (
        <span className="appeal-contact__error" role="alert">
          {t(reveal.status === 0 ? 'appeal.contact.unreachable' : 'appeal.contact.failed', { status: reveal.status })}
        </span>
      )}
    </div>
  );
}
