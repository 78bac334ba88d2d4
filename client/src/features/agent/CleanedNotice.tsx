import type { WriteNotice } from '@shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The form's own label of a body field, for the notice; the path itself for any other. */
const FIELD_LABEL_KEYS = {
  description: 'agent.form.description',
  'location.address': 'agent.form.address',
  'location.district': 'agent.form.place',
  'citizen.name': 'agent.form.citizenName',
  'citizen.phone': 'agent.form.citizenPhone',
} as const;

const isLabelled = (field: string): field is keyof typeof FIELD_LABEL_KEYS => Object.hasOwn(FIELD_LABEL_KEYS, field);

/** "Invisible characters were removed from: Description, Address…"; null when nothing was cleaned. */
export function cleanedNoticeText(notices: readonly WriteNotice[], t: TFunction): string | null {
  const fields = notices.filter((n) => n.code === 'invisible_removed').map((n) => n.field);
  if (fields.length === 0) return null;
  const labels = fields.map((field) => {
    return isLabelled(field) ? t(FIELD_LABEL_KEYS[field]) : field;
  });
  return t('agent.notice.invisibleRemoved', { fields: labels.join(', ') });
}

/**
 * Tells the agent that the server took invisible characters (zero-width spaces, soft hyphens
 * pasted with the text) out of the appeal it accepted: the text may look the same, but it is
 * not what was typed.
 */
export function CleanedNotice({ notices }: { notices: readonly WriteNotice[] }) {
  const { t } = useTranslation();
  const text = cleanedNoticeText(notices, t);
  if (text === null) return null;
  return (
    <p className="agent-form__notice" role="status" data-testid="agent-cleaned-notice">
      {text}
    </p>
  );
}
