/**
 * Russian strings of the map's fixed colour scale and region badges (issue 18). Spread into
 * `ru` (their own file so the big one changes by a line); terms from shared/glossary.md.
 */
export const mapRu = {
  mapScale: {
    kpiLegalOverdue: 'Доля просроченных (по закону: 15 рабочих дней)',
    /** The KPIs' names in a narrow column (the region page's side map); the full name is the option's title. */
    kpiShort: {
      load: 'Нагрузка на 100 тыс. жителей',
      overdueShare: 'Доля просрочки (норматив)',
      overdueShareByLaw: 'Доля просрочки (закон)',
      medianResponse: 'Время реагирования',
    },
    modeLabel: 'Шкала',
    mode: {
      fixed: 'постоянные пороги',
      ranked: 'по рангу регионов',
    },
    fixedNote: 'пороги постоянны: один цвет — одно и то же число каждый день',
    rankedNote: 'каждый цвет — примерно четверть регионов (цвета сравнивают регионы между собой)',
    loadNote: 'порог оповещения о нагрузке: {{value}} на 100 тыс. (100 %); ступени 25 %, 50 %, 100 %',
    overdueNote: 'по нормативу реагирования; ступени: нет, есть, 5 %, 15 %',
    overdueByLawNote: 'по закону (15 рабочих дней); ступени: нет, есть, 1 %, 5 %',
    responseNote: 'норматив реагирования {{value}}; ступени: половина норматива, норматив, вдвое больше',
    badge: '{{name}}: открытых обращений {{count}}',
  },
};
