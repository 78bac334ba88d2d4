import type { headerRu } from './headerRu';

/** English strings of the dashboard header's compact menu (issue 18: a two-line header at 1366×768). */
export const headerEn: typeof headerRu = {
  pagesMenu: {
    button: 'Sections',
    label: 'Sections and account',
  },
};
