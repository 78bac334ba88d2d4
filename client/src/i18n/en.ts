import type { Messages } from './messages';

/** English UI strings. Terms from shared/glossary.md. */
export const en: Messages = {
  app: {
    subtitle: 'Situation room',
  },
  header: {
    asOf: 'As of {{time}}',
    language: 'Interface language',
  },
  link: {
    label: 'Server link',
    live: 'live',
    stale: 'data is stale',
    down: 'link down',
    connecting: 'connecting…',
    lastUpdate: 'last update: {{age}}',
    noUpdates: 'no updates yet',
  },
  kpi: {
    title: 'Key figures',
    open: 'Backlog (open appeals)',
    overdue: 'Overdue',
    registeredToday: 'Registered today',
    medianResponse: 'Response time (median, last hour)',
  },
  feed: {
    title: 'Feed of appeals and incidents',
    empty: 'Nothing yet',
  },
  status: {
    registered: 'registered',
    assigned: 'routed to service',
    in_progress: 'in progress',
    // glossary: "resolved (awaiting confirmation)"; the parenthesis explains the term and is
    // left off the one-line feed.
    resolved: 'resolved',
    closed: 'closed',
    rejected: 'rejected',
    reopened: 'reopened',
    redirected: 'redirected',
  },
  incident: {
    opened: 'incident opened',
    updated: 'incident updated',
    resolved: 'incident resolved',
  },
  priority: {
    low: 'low',
    normal: 'normal',
    high: 'high',
    emergency: 'emergency',
  },
  severity: {
    minor: 'minor',
    major: 'major',
    critical: 'critical',
  },
  incompatible: {
    title: 'This version of the dashboard is out of date',
    body: 'The server has been updated. Please reload the page.',
    reload: 'Reload',
  },
  notFound: {
    title: 'Page not found',
    back: 'Go to the situation-room wall',
  },
};
