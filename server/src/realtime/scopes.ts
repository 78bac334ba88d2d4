import { isInRegions, type RegionCode, type Scope, type StreamEvent } from '@shared';

/** Room name for a scope; sockets with the same scope share frames (serialised once). */
export function roomOf(scope: Scope): string {
  return scope.regions === 'all' ? 'scope:all' : `scope:${[...scope.regions].sort().join(',')}`;
}

/** True when the event belongs to the scope; a national event (no region) belongs to every scope. */
export function isInScope(scope: Scope, region: RegionCode | undefined): boolean {
  return region === undefined || isInRegions(scope.regions, region);
}

/** The events of a batch that belong to the scope, in order. */
export function eventsInScope(scope: Scope, events: readonly StreamEvent[]): StreamEvent[] {
  return scope.regions === 'all' ? [...events] : events.filter((e) => isInScope(scope, e.region));
}
