import type { mapRu } from './mapRu';

/** Kazakh strings of the map's fixed colour scale and region badges (issue 18); terms from shared/glossary.md. */
export const mapKk: typeof mapRu = {
  mapScale: {
    kpiLegalOverdue: 'Мерзімі өткендердің үлесі (заң бойынша: 15 жұмыс күні)',
    /** The KPIs' names in a narrow column (the region page's side map); the full name is the option's title. */
    kpiShort: {
      load: '100 мың тұрғынға жүктеме',
      overdueShare: 'Мерзімі өткен (норматив)',
      overdueShareByLaw: 'Мерзімі өткен (заң)',
      medianResponse: 'Әрекет ету уақыты',
    },
    modeLabel: 'Шкала',
    mode: {
      fixed: 'тұрақты шектер',
      ranked: 'өңірлердің реті бойынша',
    },
    fixedNote: 'шектер тұрақты: бір түс күн сайын бір санды білдіреді',
    rankedNote: 'әр түс — өңірлердің шамамен төрттен бірі (түстер өңірлерді бір-бірімен салыстырады)',
    loadNote: 'жүктеме туралы ескерту шегі: 100 мың тұрғынға {{value}} (100 %); сатылары 25 %, 50 %, 100 %',
    overdueNote: 'әрекет ету нормативі бойынша; сатылары: жоқ, бар, 5 %, 15 %',
    overdueByLawNote: 'заң бойынша (15 жұмыс күні); сатылары: жоқ, бар, 1 %, 5 %',
    responseNote: 'әрекет ету нормативі {{value}}; сатылары: нормативтің жартысы, норматив, екі есе көп',
    badge: '{{name}}: ашық өтініштер саны {{count}}',
  },
};
