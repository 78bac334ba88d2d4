/**
 * Russian UI strings. The shape of this object is the message schema: `kk.ts` and
 * `en.ts` are typed against it, and test/unit/client/i18n/messages.test.ts checks that
 * all three have the same keys and placeholders. Terms come from shared/glossary.md.
 */
export const ru = {
  app: {
    subtitle: 'Ситуационный центр',
  },
  header: {
    asOf: 'Данные на {{time}}',
    language: 'Язык интерфейса',
  },
  link: {
    label: 'Связь с сервером',
    live: 'в реальном времени',
    stale: 'данные устарели',
    down: 'нет связи',
    connecting: 'подключение…',
    lastUpdate: 'последнее обновление: {{age}}',
    noUpdates: 'обновлений пока нет',
  },
  kpi: {
    title: 'Ключевые показатели',
    open: 'В работе (открытые)',
    overdue: 'Просрочено',
    registeredToday: 'Зарегистрировано сегодня',
    medianResponse: 'Время реагирования (медиана за час)',
  },
  feed: {
    title: 'Лента обращений и инцидентов',
    empty: 'Записей пока нет',
  },
  status: {
    registered: 'зарегистрировано',
    assigned: 'направлено исполнителю',
    in_progress: 'в работе',
    resolved: 'исполнено',
    closed: 'закрыто',
    rejected: 'отказано',
    reopened: 'возобновлено',
    redirected: 'перенаправлено',
  },
  incident: {
    opened: 'инцидент открыт',
    updated: 'инцидент обновлён',
    resolved: 'инцидент устранён',
  },
  priority: {
    low: 'низкий',
    normal: 'обычный',
    high: 'высокий',
    emergency: 'аварийный',
  },
  severity: {
    minor: 'незначительный',
    major: 'серьёзный',
    critical: 'критический',
  },
  incompatible: {
    title: 'Эта версия панели устарела',
    body: 'Сервер обновлён. Перезагрузите страницу.',
    reload: 'Перезагрузить',
  },
  notFound: {
    title: 'Страница не найдена',
    back: 'Перейти к экрану ситуационного центра',
  },
};
