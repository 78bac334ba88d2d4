import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface OneTimeSecretProps {
  /** What it is ("New password for aigerim"). */
  title: string;
  value: string;
  /** `data-testid` of the value; the copy button gets `<testId>-copy`. */
  testId: string;
  onDismiss(): void;
}

/**
 * A secret the server shows once (a new password, a kiosk link): on screen until
 * dismissed, copyable, kept only in the parent's state, never in storage or the URL.
 */
export function OneTimeSecret({ title, value, testId, onDismiss }: OneTimeSecretProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const valueRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const selectValue = (): boolean => {
    const node = valueRef.current;
    const selection = window.getSelection();
    if (!node || !selection) return false;
    const range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  };

  const copyValue = async () => {
    try {
      // The Clipboard API needs a secure context (HTTPS or localhost).
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      // Plain-HTTP intranet: fall back to copying the selection.
      const isCopied = selectValue() && document.execCommand('copy');
      setCopy(isCopied ? 'copied' : 'failed');
    }
  };

  return (
    <div className="one-time-secret" role="region" aria-labelledby={titleId}>
      <p id={titleId} className="one-time-secret__title">
        {title}
      </p>
      <code ref={valueRef} className="one-time-secret__value" data-testid={testId}>
        {value}
      </code>
      <p className="one-time-secret__hint">{t('admin.shownOnce')}</p>
      <div className="one-time-secret__actions">
        <button type="button" className="button" data-testid={`${testId}-copy`} onClick={() => void copyValue()}>
          {t('admin.copy')}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('admin.dismiss')}
        </button>
        <span role="status" className="one-time-secret__status">
          {copy === 'copied' ? t('admin.copied') : copy === 'failed' ? t('admin.copyFailed') : ''}
        </span>
      </div>
    </div>
  );
}
