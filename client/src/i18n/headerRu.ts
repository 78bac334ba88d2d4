/** Russian strings of the dashboard header's compact menu (issue 18: a two-line header at 1366×768). */
export const headerRu = {
  pagesMenu: {
    button: 'Разделы',
    label: 'Разделы и учётная запись',
  },
};
