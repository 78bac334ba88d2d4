import { describe, expect, it } from 'vitest';
import { badCharacterIn, findBadText, mayHoldBadText } from '@shared';
import { createRandom } from '../factories';

describe('findBadText', () => {
  it('names the first string holding a control character or a lone surrogate, by its path', () => {
    const value = { a: 'ok', b: { c: ['fine', 'bad\u001b[0m'] }, d: 'x\ud800' };
    expect(findBadText(value)).toEqual({ path: 'b.c.1', what: 'control character U+001B' });
    expect(findBadText({ d: 'x\ud800' })).toEqual({ path: 'd', what: 'lone surrogate U+D800 (not Unicode text)' });
    expect(findBadText({ d: '\udc00x' })).toEqual({ path: 'd', what: 'lone surrogate U+DC00 (not Unicode text)' });
  });

  it('keeps tab and line breaks, pairs of surrogates and combining marks', () => {
    expect(findBadText({ t: 'a\tb\nc\r\nd 😀 𠀀 e\u0301' })).toBeNull();
  });

  it('refuses DEL and C1 controls only under the typed rule (what the write API sends)', () => {
    for (const c of ['\u007f', '\u0080', '\u0085', '\u009f']) {
      expect(badCharacterIn(`a${c}`, 'stream')).toBeNull();
      expect(badCharacterIn(`a${c}`, 'typed')).toMatch(/^control character U\+00[7-9][0-9A-F]$/);
    }
    expect(badCharacterIn('a\u00a0b', 'typed')).toBeNull();
  });
});

describe('mayHoldBadText', () => {
  it('never misses a bad string in JSON however it is written (a gate before the exact walk)', () => {
    const random = createRandom(0x5eed);
    const units = [
      0x0, 0x1, 0x8, 0x9, 0xa, 0xc, 0xd, 0x1b, 0x1f, 0x20, 0x41, 0x430, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd,
    ];
    for (let n = 0; n < 5000; n += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        String.fromCharCode(units[Math.floor(random() * units.length)] as number),
      ).join('');
      const json = JSON.stringify({ text });
      // The same string written with upper-case escapes, as another producer might.
      const upper = json.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`);
      if (findBadText(JSON.parse(json)) !== null) {
        expect(mayHoldBadText(json), JSON.stringify(json)).toBe(true);
        expect(mayHoldBadText(upper), JSON.stringify(upper)).toBe(true);
      }
    }
    expect(mayHoldBadText('{"text":"Нет отопления, 😀"}')).toBe(true);
    expect(mayHoldBadText('{"text":"Нет отопления"}')).toBe(false);
  });
});
