/**
 * The kind of a dead-letter reason. The server writes its reasons as English text for the
 * log and the CLI (server/src/stream/decodeEntry.ts); the panel shows the kind in the UI's
 * language (`deadLetterReason.<kind>`) with the server's text beside it as the detail.
 */
export type DeadLetterReasonKind =
  'missingEvent' | 'oversize' | 'notJson' | 'invalid' | 'noRegionLayer' | 'outsideRegions' | 'future' | 'other';

const PATTERNS: readonly [RegExp, DeadLetterReasonKind][] = [
  [/^missing field "event"/, 'missingEvent'],
  [/^oversize:/, 'oversize'],
  [/^not JSON:/, 'notJson'],
  [/^invalid:/, 'invalid'],
  [/^region omitted/, 'noRegionLayer'],
  [/^outside any region/, 'outsideRegions'],
  [/ahead of the server clock/, 'future'],
];

export function deadLetterReasonKind(reason: string): DeadLetterReasonKind {
  return PATTERNS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
}
