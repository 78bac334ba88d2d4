import type { RegionCode } from '@shared';
import { useEffect, useRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionName } from '../../../i18n/names';
import { useLanguage } from '../../../i18n/useLanguage';
import { navigate } from '../../../navigation';
import type { PeriodView } from './periodSearch';
import { drillHref, type DrillTarget } from './periodDrill';
import { rangeLabel } from './periodFormat';

export interface DrillChooserProps {
  view: PeriodView;
  target: DrillTarget;
  /** The regions the user may open (their scope). */
  regions: readonly RegionCode[];
  onClose(): void;
}

/**
 * A national figure (no region chosen) has appeals in many regions, and the region view
 * shows one: the user picks which, from links to each region's view of the same appeals.
 */
export function DrillChooser({ view, target, regions, onClose }: DrillChooserProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const first = useRef<HTMLAnchorElement>(null);
  useEffect(() => first.current?.focus(), [target]);
  const sorted = useMemo(
    () =>
      regions
        .map((code) => ({ code, name: regionName(code, language) }))
        .sort((a, b) => a.name.localeCompare(b.name, language === 'en' ? 'en' : 'ru')),
    [regions, language],
  );
  return (
    <section
      className="panel drill-chooser"
      aria-label={t('analyticsPeriod.drill.title', { range: rangeLabel(target.from, target.to) })}
      data-testid="drill-chooser"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="drill-chooser__head">
        <h2 className="analytics-panel__title">
          {t('analyticsPeriod.drill.title', { range: rangeLabel(target.from, target.to) })}
        </h2>
        <button type="button" className="button" onClick={onClose} data-testid="drill-close">
          {t('analyticsPeriod.drill.close')}
        </button>
      </div>
      <ul className="drill-chooser__list">
        {sorted.map(({ code, name }, i) => {
          const href = drillHref(code, view, target);
          return (
            <li key={code}>
              <a
                ref={i === 0 ? first : undefined}
                href={href}
                data-testid={`drill-region-${code}`}
                onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  navigate(href);
                }}
              >
                {name}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
