import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHistoryGenerator } from '../../../server/src/archive/history/generateHistory';
import type { HistoryWorkerData, HistoryWorkerMessage } from '../../../server/src/archive/history/historyWorker';
import { startTsWorker } from '../../../server/src/archive/tsWorker';

const SERVER = fileURLToPath(new URL('../../../server/src/', import.meta.url));
const SLOW_MS = 120_000;
const DAY = 86_400_000;
const TO_AT = Date.parse('2026-03-10T06:00:00Z');

/** Every module a file loads at run time (relative imports; `import type` is erased). */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), `${match[1] as string}.ts`);
    runtimeImports(target, seen);
  }
  return seen;
}

describe('the demo history off the main thread', () => {
  it('the server loads no generator, traffic model or reducer for it: those run in the history worker', () => {
    const loaded = [
      ...runtimeImports(path.join(SERVER, 'archive/history/startDemoHistory.ts')),
      ...runtimeImports(path.join(SERVER, 'archive/history/createHistoryBackfill.ts')),
    ].map((file) => path.relative(SERVER, file));
    expect(loaded).toContain('archive/history/historyTables.ts');
    expect(loaded).not.toContain('archive/history/generateHistory.ts');
    expect(loaded).not.toContain('simulator/createTrafficModel.ts');
    expect(loaded.filter((file) => file.includes('projection'))).toEqual([]);
    // …and the worker is what does load it.
    const worker = runtimeImports(path.join(SERVER, 'archive/history/historyWorker.ts'));
    expect([...worker].map((file) => path.relative(SERVER, file))).toContain('archive/history/generateHistory.ts');
  });

  it(
    "the worker sends the seed's whole history as COPY bytes, a few chunks ahead of the writer",
    async () => {
      const data: HistoryWorkerData = {
        seed: 4242,
        fromAt: TO_AT - DAY,
        toAt: TO_AT,
        perDay: 300,
        writtenThrough: TO_AT - DAY,
        chunkEvents: 200,
        ahead: 2,
      };
      const worker = startTsWorker(
        new URL('../../../server/src/archive/history/historyWorker.ts', import.meta.url),
        data,
      );
      const received: (HistoryWorkerMessage & { type: 'chunk' })[] = [];
      try {
        // Unacknowledged, it stops at `ahead` chunks.
        await new Promise<void>((resolve, reject) => {
          worker.on('error', reject);
          worker.on('message', (message: HistoryWorkerMessage) => {
            if (message.type !== 'chunk') return reject(new Error(JSON.stringify(message)));
            received.push(message);
            if (message.isLast) resolve();
            else if (received.length === 2) {
              setTimeout(() => {
                expect(received.length).toBe(2);
                worker.postMessage({ type: 'written' });
                worker.postMessage({ type: 'written' });
              }, 300);
            } else if (received.length > 2) worker.postMessage({ type: 'written' });
          });
        });
      } finally {
        await worker.terminate();
      }
      const generator = createHistoryGenerator(data);
      const expected = generator.advance(TO_AT);
      expect(received.reduce((n, c) => n + c.appeals, 0)).toBe(expected.appeals.length);
      expect(received.reduce((n, c) => n + c.events, 0)).toBe(expected.events);
      const chunk = received[0] as HistoryWorkerMessage & { type: 'chunk' };
      const lines = new TextDecoder()
        .decode(chunk.encoded.appeals as Uint8Array)
        .trimEnd()
        .split('\n');
      expect(lines).toHaveLength(chunk.appeals);
      expect(lines[0]?.split('\t')[0]).toMatch(/^A-\d\d-h[0-9a-z]{6}-\d+$/);
    },
    SLOW_MS,
  );
});
