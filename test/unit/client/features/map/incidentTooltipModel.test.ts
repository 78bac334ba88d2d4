import { describe, expect, it } from 'vitest';
import { incidentTooltipModel } from '../../../../../client/src/features/map/tooltipModel';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import { getFormatters } from '../../../../../client/src/i18n/format';
import type { Language } from '../../../../../client/src/i18n/languages';

function model(language: Language) {
  const incident = { title: 'Авария на теплотрассе', severity: 'critical' as const, appealCount: 1234 };
  return incidentTooltipModel(incident, createI18n(language).t, getFormatters(language));
}

describe('incidentTooltipModel', () => {
  it('gives title, severity and linked appeals in each language, Kazakh words our own', () => {
    expect(model('kk')).toEqual({
      title: 'Авария на теплотрассе',
      rows: [
        { label: 'деңгейі', value: 'сыни' },
        { label: 'байланысты өтініштер', value: getFormatters('kk').count(1234) },
      ],
      notes: [],
    });
    expect(model('ru').rows.map((r) => r.value)[0]).toBe('критический');
    expect(model('en').rows.map((r) => r.label)).toEqual(['severity', 'linked appeals']);
  });
});
