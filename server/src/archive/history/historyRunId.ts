import { hashSeed } from '../../simulator/random';

/** The run id in every history id: `A-71-h<6>-n`, never a live simulator's (6 letters, no `h` prefix length 7). */
export function historyRunId(seed: number): string {
  return `h${hashSeed(seed, 'history').toString(36).padStart(7, '0').slice(-6)}`;
}
