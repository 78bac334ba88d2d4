import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { scaleFor } from '../../../../../client/src/features/map/colorScale';
import { MapLegend } from '../../../../../client/src/features/map/MapLegend';
import { createI18n } from '../../../../../client/src/i18n/createI18n';
import type { Language } from '../../../../../client/src/i18n/languages';

const LOADS = [372, 366, 359, 369, 373, 381, 367, 367, 367, 379, 377, 357, 397, 384, 534, 514, 545];
// Intl output contains narrow/non-breaking spaces depending on the ICU version.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function render(language: Language, scale = scaleFor('load')): string {
  return plain(
    renderToStaticMarkup(
      <I18nextProvider i18n={createI18n(language)}>
        <MapLegend scale={scale} />
      </I18nextProvider>,
    ),
  );
}

describe('map legend', () => {
  it('prints the fixed load thresholds with the alert threshold they are tied to', () => {
    const html = render('kk');
    expect(html).toContain('data-basis="fixed"');
    expect(html).toContain('жүктеме туралы ескерту шегі: 100 мың тұрғынға 60 (100 %)');
    expect(html).toMatch(/&lt; 15.*15 – 30.*30 – 60.*≥ 60/);
    expect(render('en')).toContain('fixed thresholds: a colour means the same number every day');
  });

  it('names the clock of an overdue scale, and says when the colours rank the regions', () => {
    expect(render('ru', scaleFor('overdueShare'))).toContain(
      'по нормативу реагирования; ступени: нет, есть, 5 %, 15 %',
    );
    expect(render('ru', scaleFor('overdueShareByLaw'))).toContain('Доля просроченных (по закону: 15 рабочих дней)');
    const ranked = render('en', scaleFor('load', 'ranked', LOADS));
    expect(ranked).toContain('data-basis="quantiles"');
    expect(ranked).toContain('each colour: about a quarter of the regions');
  });

  it('explains the marker groups’ colours and the emergency badge in each language', () => {
    expect(render('ru')).toContain('Группы меток: доля просроченных и аварийных');
    expect(render('ru')).toMatch(/&lt; 10 %.*10 % – 30 %.*≥ 30 %.*есть аварийные/);
    expect(render('kk')).toContain('ішінде апаттық бар');
    expect(render('en', scaleFor('overdueShare'))).toMatch(/&lt; 10%.*≥ 30%.*emergency inside/);
  });
});
