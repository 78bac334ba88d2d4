import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface FilterChoiceProps<T extends string> {
  /** The filter's name ("Category"). */
  label: string;
  options: readonly { value: T; label: string }[];
  /** Chosen values; none means no filter. */
  chosen: readonly T[];
  onChange(chosen: T[]): void;
  testId: string;
}

/**
 * A multiple choice that folds into one button of the filter bar ("Status: 2 chosen"):
 * a disclosure (`<details>`) holding a group of checkboxes. Escape or a click elsewhere
 * folds it; nothing chosen means everything.
 */
export function FilterChoice<T extends string>({ label, options, chosen, onChange, testId }: FilterChoiceProps<T>) {
  const { t } = useTranslation();
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const isChosen = new Set<string>(chosen);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = detailsRef.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const summary =
    chosen.length === 0
      ? t('regionView.filter.all')
      : chosen.length === 1
        ? (options.find((o) => o.value === chosen[0])?.label ?? chosen[0])
        : t('regionView.filter.chosen', { n: chosen.length });
  const toggle = (value: T) =>
    onChange(options.map((o) => o.value).filter((v) => (v === value ? !isChosen.has(v) : isChosen.has(v))));

  return (
    <details
      ref={detailsRef}
      className={`filter-choice${chosen.length > 0 ? ' filter-choice--active' : ''}`}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !detailsRef.current?.open) return;
        // Folds the list only; the page's own Escape (back) must not fire as well.
        event.preventDefault();
        event.stopPropagation();
        detailsRef.current.open = false;
        detailsRef.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="filter-choice__summary">
        <span className="filter-choice__label">{label}:</span> <span className="filter-choice__value">{summary}</span>
      </summary>
      <fieldset className="filter-choice__panel">
        <legend className="visually-hidden">{label}</legend>
        <button
          type="button"
          className="button button--small"
          disabled={chosen.length === 0}
          onClick={() => onChange([])}
        >
          {t('regionView.filter.any')}
        </button>
        {options.map((option) => (
          <label key={option.value} className="filter-choice__option">
            <input
              type="checkbox"
              checked={isChosen.has(option.value)}
              onChange={() => toggle(option.value)}
              data-value={option.value}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
