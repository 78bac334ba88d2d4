import { describe, expect, it } from 'vitest';
import { getCategory } from '../../../../shared/src/index';
import { kk } from '../../../../client/src/i18n/kk';

/**
 * Kazakh wording a native reader found saying the wrong thing (issue 15): "инцидентті жою"
 * reads as "delete the incident", "ПИБ" is not the abbreviation in use, and so on. Each key
 * is pinned to the glossary's wording so it cannot drift back.
 */
describe('Kazakh wording (glossary.md)', () => {
  it.each([
    ['auditAction.incident.resolve', 'оқиғаны жабу'],
    ['auditAction.incident.open', 'оқиғаны ашу'],
    ['auditAction.incident.update', 'оқиғаны жаңарту'],
    ['auditAction.incident.link', 'өтініштерді оқиғаға байланыстыру'],
    ['link.reloaded', 'деректер қайта жүктелді: кейбір өзгерістер жеке көрсетілмеді'],
    ['session.unreachableBody', 'Байланыс автоматты түрде қайта орнатылады.'],
  ])('%s is "%s"', (key, expected) => {
    expect(lookup(kk, key)).toBe(expected);
  });

  it('housing management is (МИБ/ПИК)', () => {
    expect(getCategory('housing').name.kk).toBe('тұрғын үйді басқару (МИБ/ПИК)');
  });

  it('no phrase reads as deleting, chasing the stream or a bare "код"', () => {
    const all = JSON.stringify(kk);
    for (const wrong of [
      'инцидентті жою',
      'қуып жет',
      'байланыспаған',
      'кейбір оқиғалар жеке',
      'Қайта әрекет автоматты',
      'ПИБ',
      '(код {{',
      'көтерілді',
    ]) {
      expect(all, wrong).not.toContain(wrong);
    }
  });

  it('the buttons that resolve say "mark as done", the status stays "Орындалды"', () => {
    expect(all(kk, 'resolved')).toEqual(expect.arrayContaining(['Орындалды деп белгілеу', 'Орындалды']));
  });
});

/** Every value under a key of this name, anywhere in the tree. */
function all(tree: unknown, name: string): string[] {
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => (k === name && typeof v === 'string' ? [v] : all(v, name)));
}

/** The value at a dotted path of the message tree (undefined when there is none). */
function lookup(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      tree,
    );
}
