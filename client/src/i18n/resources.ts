import { en } from './en';
import { kk } from './kk';
import type { Language } from './languages';
import type { Messages } from './messages';
import { ru } from './ru';

/** All UI strings, one `translation` namespace per language. */
export const RESOURCES: Record<Language, { translation: Messages }> = {
  ru: { translation: ru },
  kk: { translation: kk },
  en: { translation: en },
};
