import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bytes a directory takes on disk (allocated blocks, recursively), as `du` counts them. */
export function diskBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? diskBytes(file) : statSync(file).blocks * 512;
  }
  return bytes;
}
