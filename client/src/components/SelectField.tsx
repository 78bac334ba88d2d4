export interface SelectFieldProps<T extends string> {
  label: string;
  /** The chosen value; undefined: the "all" option. */
  value: T | undefined;
  /** The first option's text, standing for no choice ("All regions"). */
  allLabel: string;
  options: readonly { value: T; label: string }[];
  onChange(value: T | undefined): void;
  testId: string;
}

/** A labelled single choice whose first option means "all" (a filter's select). */
export function SelectField<T extends string>({
  label,
  value,
  allLabel,
  options,
  onChange,
  testId,
}: SelectFieldProps<T>) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select
        className="field__input"
        value={value ?? ''}
        data-testid={testId}
        onChange={(event) => onChange((event.target.value || undefined) as T | undefined)}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
