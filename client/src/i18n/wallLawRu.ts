/**
 * The wall screen's labels of the two clocks (issues 17, 18): short enough for two lines of
 * 36 px type in a tile a fifth of the screen wide (the headline's first row), and each overdue tile names its clock.
 */
export const wallLawRu = {
  wallLaw: {
    overdueTarget: 'Просрочено (норматив)',
    legalOverdue: 'Просрочено (по закону)',
    solvedPositively: 'Решено положительно',
    /** "Зарегистрировано" needs 8 rem at 36 px, more than a fifth of the screen holds. */
    registeredToday: 'Поступило сегодня',
    /** The last hour's median: "за час" would take a third line of 36 px in a sixth of the screen. */
    medianResponse: 'Медиана реагирования',
  },
  /**
   * The ticker's statuses where the feed's own are wider than its line beside a priority
   * badge at 36 px (issue 18: "направлено испол…"); the others are the feed's.
   */
  wallTicker: {
    assigned: 'направлено в службу',
    escalated: 'приоритет повышен',
    restored: 'из архива',
    extended: 'срок продлён',
  },
};
