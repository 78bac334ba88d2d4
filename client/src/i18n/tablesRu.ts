/** Russian strings of the region table's column chooser and marks, and the dead-letter reasons (issue 18). */
export const tablesRu = {
  tables: {
    columns: {
      button: 'Столбцы',
      legend: 'Показывать столбцы',
      showAll: 'Показать все',
      fixed: 'всегда виден',
    },
    archived: 'архив',
    archivedTitle: 'Из архива: обращения уже нет в оперативной памяти',
    slaFirstCall: 'не потребовалось: решено при первом обращении ({{took}})',
  },
  deadLetterReason: {
    missingEvent: 'в записи нет поля события',
    oversize: 'событие больше допустимого размера',
    notJson: 'событие — не JSON',
    invalid: 'событие не соответствует контракту',
    noRegionLayer: 'регион не указан, а слой регионов не загружен',
    outsideRegions: 'точка вне всех регионов',
    future: 'время события впереди часов сервера',
    other: 'иная причина',
  },
};
