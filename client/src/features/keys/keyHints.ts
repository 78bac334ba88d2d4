import type { Page } from '../../access';

/** One line of the "?" overlay: the keys (as shown on the keycaps) and what they do (an i18n key). */
export interface KeyHint {
  keys: readonly string[];
  /** Key under `layout.` in the i18n files. */
  what: string;
}

const EVERYWHERE: KeyHint = { keys: ['?'], what: 'keyEverywhere' };

/** The region table's keys (features/region/tableKeys.ts): the supervisor's desk. */
const REGION_DESK: readonly KeyHint[] = [
  { keys: ['j', 'k', '↓', '↑'], what: 'keyTableNext' },
  { keys: ['PgDn', 'PgUp'], what: 'keyTablePage' },
  { keys: ['Home', 'End'], what: 'keyTableEnds' },
  { keys: ['Enter'], what: 'keyTableOpen' },
  { keys: ['x', 'Space'], what: 'keyTableToggle' },
  { keys: ['Esc'], what: 'keyTableBack' },
];

/** The agent console's keys (features/agent/AppealForm.tsx, PriorityPicker, Combobox). */
const AGENT: readonly KeyHint[] = [
  { keys: ['Ctrl+Enter'], what: 'keyAgentSubmit' },
  { keys: ['Esc'], what: 'keyAgentClear' },
  { keys: ['1', '2', '3', '4'], what: 'keyAgentPriority' },
  { keys: ['↓', '↑', 'Enter'], what: 'keyAgentList' },
];

/**
 * The keys of a page, "?" first. `hasDesk`: the region page is the supervisor's table
 * (a wall-screen user gets the map panel, which has no keys of its own).
 */
export function keyHintsOf(page: Page, hasDesk: boolean): readonly KeyHint[] {
  if (page === 'region' && hasDesk) return [EVERYWHERE, ...REGION_DESK];
  if (page === 'agent') return [EVERYWHERE, ...AGENT];
  return [EVERYWHERE];
}

/** Typing in a field is never a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
