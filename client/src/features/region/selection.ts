/**
 * Row selection of the region table (for grouping appeals into an incident), by appeal id
 * so it survives re-sorting and live refreshes. Pure; every change returns a new set and
 * keeps the order in which ids were first chosen (the first chosen appeal places the incident).
 */

/** Chooses or un-chooses one row. */
export function toggleOne(selected: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/**
 * A shift-click: every row from the anchor (the row last clicked without shift) to the
 * target, both included, takes the state the target is switched to. Without an anchor in
 * the list, only the target is toggled.
 */
export function selectRange(
  selected: ReadonlySet<string>,
  orderedIds: readonly string[],
  anchorId: string | null,
  targetId: string,
): ReadonlySet<string> {
  const target = orderedIds.indexOf(targetId);
  const anchor = anchorId === null ? -1 : orderedIds.indexOf(anchorId);
  if (target < 0 || anchor < 0) return toggleOne(selected, targetId);
  const isChoosing = !selected.has(targetId);
  const next = new Set(selected);
  const [start, end] = anchor <= target ? [anchor, target] : [target, anchor];
  for (let i = start; i <= end; i += 1) {
    const id = orderedIds[i] as string;
    if (isChoosing) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** Chooses (or clears) all of `ids`, keeping other chosen rows as they are. */
export function setAll(selected: ReadonlySet<string>, ids: readonly string[], isChosen: boolean): ReadonlySet<string> {
  const next = new Set(selected);
  for (const id of ids) {
    if (isChosen) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** Drops chosen ids that are no longer listed; the same set when nothing was dropped. */
export function keepListed(selected: ReadonlySet<string>, listedIds: ReadonlySet<string>): ReadonlySet<string> {
  for (const id of selected) {
    if (!listedIds.has(id)) return new Set([...selected].filter((kept) => listedIds.has(kept)));
  }
  return selected;
}

/** State of the "choose all" box over `ids`. */
export function headerState(selected: ReadonlySet<string>, ids: readonly string[]): 'none' | 'some' | 'all' {
  let chosen = 0;
  for (const id of ids) if (selected.has(id)) chosen += 1;
  if (chosen === 0) return 'none';
  return chosen === ids.length ? 'all' : 'some';
}
