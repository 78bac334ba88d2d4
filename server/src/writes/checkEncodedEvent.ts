import { findBadText, MAX_EVENT_BYTES } from '@shared';
import { decodeEntry, type LocateRegion } from '../stream/decodeEntry';
import type { WriteError } from './commands';

/** What a write refused here answers: the API's error shape, with the body field at fault. */
export interface EncodedRefusal extends Omit<WriteError, 'status'> {
  status: 413 | 422;
}

/**
 * Checks the event a write is about to append exactly as the consumer will read it, so a 2xx
 * always means the event will be applied: the field limits count characters, but the stream's
 * limit is UTF-8 bytes of the encoded JSON (4,000 emoji are 16,000 bytes; a character JSON
 * escapes, such as a lone surrogate, is six), and the body schemas cannot foresee every rule of
 * the stream's own. Text is refused first (422, the field named), then size (413, the field
 * holding the most bytes), then anything else the decoder itself would dead-letter (422).
 */
export function checkEncodedEvent(
  event: { data: object },
  encoded: string,
  locate: LocateRegion | null,
): EncodedRefusal | null {
  // Stricter than the stream: DEL and C1 controls too, which nobody types.
  const bad = findBadText(event.data, 'typed');
  if (bad) return { status: 422, code: 'invalid', message: `${bad.path}: ${bad.what} is not allowed`, field: bad.path };
  const bytes = Buffer.byteLength(encoded, 'utf8');
  if (bytes > MAX_EVENT_BYTES) {
    const field = largestField(event.data);
    return {
      status: 413,
      code: 'too_large',
      message: `the event would be ${bytes} bytes of UTF-8, over the stream's limit of ${MAX_EVENT_BYTES}: shorten ${field.path} (${field.bytes} bytes)`,
      field: field.path,
    };
  }
  // The decoder is the judge of what is applied; anything it refuses that the checks above
  // did not is a gap between the body schemas and the stream's, refused rather than lost.
  const decoded = decodeEntry({ id: '0-1', fields: { event: encoded } }, locate);
  if (decoded.ok) return null;
  const field = /^invalid: (?:data\.)?([\w.]+):/.exec(decoded.reason)?.[1];
  return { status: 422, code: 'invalid', message: decoded.reason, ...(field !== undefined ? { field } : {}) };
}

/** The string or list in `data` that takes the most bytes once encoded, by its dotted path. */
function largestField(data: object): { path: string; bytes: number } {
  let largest = { path: '', bytes: -1 };
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) visit(item, path === '' ? key : `${path}.${key}`);
      return;
    }
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (bytes > largest.bytes) largest = { path, bytes };
  };
  visit(data, '');
  return largest;
}
