import type { Priority, Severity } from '@shared';
import type { BadgeTone } from '../../components/Badge';

/** Emergencies stand out in red, high priority in amber; the rest stays quiet. */
export function priorityTone(priority: Priority): BadgeTone {
  switch (priority) {
    case 'emergency':
      return 'danger';
    case 'high':
      return 'warning';
    case 'normal':
      return 'normal';
    case 'low':
      return 'quiet';
  }
}

export function severityTone(severity: Severity): BadgeTone {
  switch (severity) {
    case 'critical':
      return 'danger';
    case 'major':
      return 'warning';
    case 'minor':
      return 'normal';
  }
}
