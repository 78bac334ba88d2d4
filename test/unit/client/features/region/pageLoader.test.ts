import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../../client/src/api/requestJson';
import { loadAllPages, parseAppealPage } from '../../../../../client/src/features/region/pageLoader';

const appeal = (id: string) => ({ id, registeredAt: 1, dueAt: 2, status: 'registered' });
const page = (ids: string[], nextCursor: string | null, extra: object = {}) => ({
  ok: true as const,
  status: 200,
  data: { items: ids.map(appeal), nextCursor, total: 5, cursor: '100-0', asOf: 1000, ...extra },
});

function fetcher(pages: Record<string, ApiResult<unknown>>) {
  const asked: (string | null)[] = [];
  return {
    asked,
    fetchPage: (cursor: string | null) => {
      asked.push(cursor);
      return Promise.resolve(pages[cursor ?? 'first'] as ApiResult<unknown>);
    },
  };
}

describe('parseAppealPage', () => {
  it('reads a page and skips items it cannot show', () => {
    const parsed = parseAppealPage({ ...page(['A-1'], 'c1').data, items: [appeal('A-1'), { id: 3 }, null] });
    expect(parsed?.items.map((a) => a.id)).toEqual(['A-1']);
    expect(parsed).toMatchObject({ nextCursor: 'c1', total: 5, cursor: '100-0', asOf: 1000 });
  });

  it('refuses other shapes', () => {
    expect(parseAppealPage(null)).toBeNull();
    expect(parseAppealPage({ items: [] })).toBeNull();
    expect(parseAppealPage({ ...page([], null).data, nextCursor: 5 })).toBeNull();
  });
});

describe('loadAllPages', () => {
  it('follows nextCursor to the end, reporting each page', async () => {
    const { fetchPage, asked } = fetcher({
      first: page(['A-1', 'A-2'], 'c1'),
      c1: page(['A-3'], 'c2'),
      c2: page(['A-4', 'A-5'], null),
    });
    const seen: number[] = [];
    const outcome = await loadAllPages({
      fetchPage,
      isCurrent: () => true,
      onPage: (items) => seen.push(items.length),
    });
    expect(asked).toEqual([null, 'c1', 'c2']);
    expect(seen).toEqual([2, 3, 5]);
    expect(outcome).toMatchObject({ kind: 'done', total: 5, cursor: '100-0', asOf: 1000, isTruncated: false });
    if (outcome.kind === 'done') expect(outcome.items.map((a) => a.id)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
  });

  it('stops at the row cap and says so', async () => {
    const { fetchPage } = fetcher({ first: page(['A-1', 'A-2'], 'c1'), c1: page(['A-3', 'A-4'], 'c2') });
    const outcome = await loadAllPages({ fetchPage, isCurrent: () => true, maxRows: 3 });
    expect(outcome).toMatchObject({ kind: 'done', isTruncated: true });
    if (outcome.kind === 'done') expect(outcome.items).toHaveLength(3);
  });

  it('stops on a repeated cursor instead of looping', async () => {
    const { fetchPage, asked } = fetcher({ first: page(['A-1'], 'c1'), c1: page(['A-2'], 'c1') });
    expect((await loadAllPages({ fetchPage, isCurrent: () => true })).kind).toBe('done');
    expect(asked).toEqual([null, 'c1']);
  });

  it('reports the API error of a refused query, with the rows read so far', async () => {
    const refused: ApiResult<unknown> = {
      ok: false,
      status: 422,
      error: 'to: must be later than from',
      code: 'invalid',
      field: 'to',
      retryAfter: null,
    };
    const { fetchPage } = fetcher({ first: page(['A-1'], 'c1'), c1: refused });
    const outcome = await loadAllPages({ fetchPage, isCurrent: () => true });
    expect(outcome).toMatchObject({ kind: 'failed', error: { status: 422, code: 'invalid', field: 'to' } });
    if (outcome.kind === 'failed') expect(outcome.items).toHaveLength(1);
  });

  it('gives up between pages once the answer is no longer wanted', async () => {
    let isCurrent = true;
    const { fetchPage, asked } = fetcher({ first: page(['A-1'], 'c1'), c1: page(['A-2'], null) });
    const outcome = await loadAllPages({
      fetchPage,
      isCurrent: () => isCurrent,
      onPage: () => {
        isCurrent = false;
      },
    });
    expect(outcome.kind).toBe('cancelled');
    expect(asked).toEqual([null]);
  });
});
