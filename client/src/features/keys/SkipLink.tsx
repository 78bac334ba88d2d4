import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { focusMain } from './focusMain';
import './keys.css';

/** The first tab stop of every screen: straight to the page's content, past header and menus. */
export function SkipLink() {
  const { t } = useTranslation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMain({ preferAction: false });
  };
  return (
    <a className="skip-link" href="#main" onClick={onClick} data-testid="skip-link">
      {t('layout.skipToMain')}
    </a>
  );
}
