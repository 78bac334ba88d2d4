import { applyEvent, computeStats, createProjection } from '@shared';
import { describe, expect, it } from 'vitest';
import { computeShapeKpis } from '../../../../../client/src/features/map/mapKpis';
import { tooltipModel } from '../../../../../client/src/features/map/tooltipModel';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { getFormatters } from '../../../../../client/src/i18n/format';
import type { Language } from '../../../../../client/src/i18n/languages';
import { createEventFactory, MINUTE, T0 } from '../../../shared/factories';
import { FIXTURE_SHAPES } from './layerFixture';

const EAST = 'KZ-63';
const ASTANA = 'KZ-71';
const SHYMKENT = 'KZ-79';

function model(code: string, language: Language, withStats = true) {
  const f = createEventFactory();
  const state = createProjection();
  applyEvent(state, f.registered('A-1', { region: 'KZ-10', at: T0 - 30 * MINUTE }));
  applyEvent(state, f.assigned('A-1', { region: 'KZ-10', at: T0 - 26 * MINUTE }));
  const kpis = computeShapeKpis(FIXTURE_SHAPES, withStats ? computeStats(state, T0) : null);
  const shape = FIXTURE_SHAPES.find((s) => s.code === code);
  if (!shape) throw new Error(code);
  return tooltipModel(shape, kpis.get(code), language, createI18n(language).t, getFormatters(language));
}

describe('tooltipModel', () => {
  it('names the shape and gives backlog, overdue, load and the 1 h median', () => {
    const tip = model(EAST, 'ru');
    expect(tip.title).toBe('Восточно-Казахстанская область');
    expect(tip.rows.map((r) => r.label)).toEqual([
      'В работе (открытые)',
      'Просрочено',
      'Нагрузка на 100 тыс. жителей',
      'Время реагирования (медиана за час)',
    ]);
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(tip.rows.map((r) => plain(r.value))).toEqual(['1', '0 (0 %)', '0,1', expect.stringMatching(/^4 мин/)]);
  });

  it('says which 2022 oblasts an aggregated shape includes, in the UI language', () => {
    expect(model(EAST, 'ru').notes).toEqual(['Включая: область Абай']);
    expect(model(EAST, 'kk').notes).toEqual(['Қоса алғанда: Абай облысы']);
    expect(model(EAST, 'en').notes).toEqual(['incl. Abai Region']);
    expect(model(ASTANA, 'en').notes).toEqual([]);
  });

  it('marks an approximate outline', () => {
    expect(model(SHYMKENT, 'en').notes).toEqual(['outline approximate']);
    expect(model(SHYMKENT, 'kk').notes).toEqual(['Шекарасы шамамен көрсетілген']);
  });

  it('shows dashes and "no data" before the first stats, in Kazakh without foreign words', () => {
    const tip = model(ASTANA, 'kk', false);
    expect(tip.rows.map((r) => r.value)).toEqual(['—', '—', '—', '—']);
    expect(tip.notes).toEqual(['деректер жоқ']);
    expect(tip.rows[3]?.label).toBe('Әрекет ету уақыты (соңғы сағаттағы медиана)');
  });

  it('writes Kazakh durations with Kazakh unit words', () => {
    expect(model(EAST, 'kk').rows[3]?.value).toMatch(/^4 мин$/);
  });
});
