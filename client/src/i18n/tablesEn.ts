import type { tablesRu } from './tablesRu';

/** English strings of the region table's column chooser and marks, and the dead-letter reasons (issue 18). */
export const tablesEn: typeof tablesRu = {
  tables: {
    columns: {
      button: 'Columns',
      legend: 'Columns shown',
      showAll: 'Show all',
      fixed: 'always shown',
    },
    archived: 'archive',
    archivedTitle: 'From the archive: the appeal is no longer in live memory',
    slaFirstCall: 'not needed: resolved on first contact ({{took}})',
  },
  deadLetterReason: {
    missingEvent: 'the entry has no event field',
    oversize: 'the event is larger than allowed',
    notJson: 'the event is not JSON',
    invalid: 'the event breaks the contract',
    noRegionLayer: 'no region given and no region layer loaded',
    outsideRegions: 'the point lies outside every region',
    future: 'the event time is ahead of the server clock',
    other: 'another reason',
  },
};
