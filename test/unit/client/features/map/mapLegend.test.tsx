import type { Stats } from '@shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { scaleFor } from '../../../../../client/src/features/map/colorScale';
import { MapLegend } from '../../../../../client/src/features/map/MapLegend';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';

const stats = { overall: { loadPer100k: 411.2 } } as unknown as Stats;
const LOADS = [372, 366, 359, 369, 373, 381, 367, 367, 367, 379, 377, 357, 397, 384, 534, 514, 545];
// Intl output contains narrow/non-breaking spaces depending on the ICU version.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function render(language: Language, scale = scaleFor('load', stats, LOADS)): string {
  return plain(
    renderToStaticMarkup(
      <I18nextProvider i18n={createI18n(language)}>
        <MapLegend scale={scale} />
      </I18nextProvider>,
    ),
  );
}

describe('map legend', () => {
  it('names the quintile basis and the average of a load scale, with the steps the map uses', () => {
    const html = render('kk');
    expect(html).toContain('data-basis="quantiles"');
    expect(html).toContain('әр түс — өңірлердің шамамен бестен бірі');
    expect(html).toContain('орташа мән: 410');
    expect(html).toContain('&lt; 367');
    expect(html).toContain('≥ 500');
  });

  it('explains the marker groups’ colours and the emergency badge in each language', () => {
    expect(render('ru')).toContain('Группы меток: доля просроченных и аварийных');
    expect(render('ru')).toMatch(/&lt; 10 %.*10 % – 30 %.*≥ 30 %.*есть аварийные/);
    expect(render('kk')).toContain('ішінде апаттық бар');
    expect(render('en', scaleFor('overdueShare', null))).toMatch(/&lt; 10%.*≥ 30%.*emergency inside/);
  });
});
