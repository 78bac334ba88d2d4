import type { ru } from './ru';

/** The message schema every language implements (string values, same nested keys as `ru`). */
export type Messages = typeof ru;
