import type { mapRu } from './mapRu';

/** English strings of the map's fixed colour scale and region badges (issue 18). */
export const mapEn: typeof mapRu = {
  mapScale: {
    kpiLegalOverdue: 'Overdue share (legal deadline: 15 working days)',
    /** The KPIs' names in a narrow column (the region page's side map); the full name is the option's title. */
    kpiShort: {
      load: 'Load per 100k residents',
      overdueShare: 'Overdue (target)',
      overdueShareByLaw: 'Overdue (legal deadline)',
      medianResponse: 'Response time',
    },
    modeLabel: 'Scale',
    mode: {
      fixed: 'fixed thresholds',
      ranked: 'ranked regions',
    },
    fixedNote: 'fixed thresholds: a colour means the same number every day',
    rankedNote: 'each colour: about a quarter of the regions (colours compare regions with each other)',
    loadNote: 'backlog alert threshold: {{value}} per 100k (100 %); steps at 25 %, 50 %, 100 %',
    overdueNote: 'against the operational target; steps: none, some, 5 %, 15 %',
    overdueByLawNote: 'against the legal deadline (15 working days); steps: none, some, 1 %, 5 %',
    responseNote: 'response target {{value}}; steps: half the target, the target, twice the target',
    badge: '{{name}}: {{count}} open appeals',
  },
};
