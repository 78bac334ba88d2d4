import type { Messages } from './messages';

// Typed keys for `t()`: a misspelt key is a compile error, not a raw key on the wall.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
