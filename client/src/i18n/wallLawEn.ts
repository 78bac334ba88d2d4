import type { wallLawRu } from './wallLawRu';

/** English labels of the wall's two clocks. */
export const wallLawEn: typeof wallLawRu = {
  wallLaw: {
    overdueTarget: 'Overdue (target)',
    legalOverdue: 'Overdue (by law)',
    solvedPositively: 'Solved positively',
    registeredToday: 'Registered today',
    medianResponse: 'Median response',
  },
  wallTicker: {
    assigned: 'routed to service',
    escalated: 'priority raised',
    restored: 'from the archive',
    extended: 'term extended',
  },
};
