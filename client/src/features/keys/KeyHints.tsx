import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../access';
import { isTyping, keyHintsOf } from './keyHints';
import './keys.css';

export interface KeyHintsProps {
  page: Page;
  /** The region page is a supervisor's desk (its table has keys). */
  hasDesk: boolean;
}

/**
 * "?" opens a list of the current page's keys (issue 18: nothing told a supervisor the
 * table's j/k, x, Enter, Esc exist); pages with keys also get a visible "?" button.
 * A native <dialog>: modal, Esc closes it, focus returns to where it was.
 */
export function KeyHints({ page, hasDesk }: KeyHintsProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [isOpen, setOpen] = useState(false);
  const hints = keyHintsOf(page, hasDesk);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setOpen((open) => !open);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <>
      {hints.length > 1 && (
        <button
          type="button"
          className="key-hints__button"
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
          data-testid="key-hints-button"
        >
          <span aria-hidden="true">?</span>
          <span className="visually-hidden">{t('layout.keysOpen')}</span>
        </button>
      )}
      <dialog
        ref={dialogRef}
        className="key-hints"
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        data-testid="key-hints"
      >
        <h2 id={titleId} className="key-hints__title">
          {t('layout.keysTitle')}
        </h2>
        <dl className="key-hints__list">
          {hints.map((hint) => (
            <div key={hint.what} className="key-hints__item">
              <dt>
                {hint.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`layout.${hint.what}` as 'layout.keyEverywhere')}</dd>
            </div>
          ))}
        </dl>
        {hints.length === 1 && <p className="key-hints__none">{t('layout.keysNone')}</p>}
        <form method="dialog">
          <button type="submit" className="button" autoFocus>
            {t('layout.keysClose')}
          </button>
        </form>
      </dialog>
    </>
  );
}
