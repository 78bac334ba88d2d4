import type { tablesRu } from './tablesRu';

/** Kazakh strings of the region table's column chooser and marks, and the dead-letter reasons (issue 18). */
export const tablesKk: typeof tablesRu = {
  tables: {
    columns: {
      button: 'Бағандар',
      legend: 'Көрсетілетін бағандар',
      showAll: 'Барлығын көрсету',
      fixed: 'әрдайым көрінеді',
    },
    archived: 'мұрағат',
    archivedTitle: 'Мұрағаттан: өтініш жедел жадта енді жоқ',
    slaFirstCall: 'қажет болмады: алғашқы өтініште шешілді ({{took}})',
  },
  deadLetterReason: {
    missingEvent: 'жазбада оқиға өрісі жоқ',
    oversize: 'оқиға рұқсат етілген көлемнен үлкен',
    notJson: 'оқиға JSON емес',
    invalid: 'оқиға келісімшартқа сай емес',
    noRegionLayer: 'өңір көрсетілмеген, ал өңірлер қабаты жүктелмеген',
    outsideRegions: 'нүкте ешбір өңірге жатпайды',
    future: 'оқиға уақыты сервер сағатынан алда',
    other: 'басқа себеп',
  },
};
