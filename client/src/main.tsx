import './zodConfig';
// The base and the shared components first, so every feature's stylesheet can refine them.
import './styles.css';
import './components/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from './i18n/createI18n';
import { readStoredLanguage, syncDocumentLanguage } from './i18n/documentLanguage';
import { SessionGate } from './session/SessionGate';
import { SignedInApp } from './session/SignedInApp';

const i18n = createI18n(readStoredLanguage());
syncDocumentLanguage(i18n);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <SessionGate>
        <SignedInApp />
      </SessionGate>
    </I18nextProvider>
  </StrictMode>,
);
