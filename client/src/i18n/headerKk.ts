import type { headerRu } from './headerRu';

/** Kazakh strings of the dashboard header's compact menu (issue 18: a two-line header at 1366×768). */
export const headerKk: typeof headerRu = {
  pagesMenu: {
    button: 'Бөлімдер',
    label: 'Бөлімдер және тіркелгі',
  },
};
