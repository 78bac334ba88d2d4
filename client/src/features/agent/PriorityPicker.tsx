import { PRIORITIES, type Priority } from '@shared';
import { useId, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface PriorityPickerProps {
  value: Priority;
  onChange(priority: Priority): void;
  /** The radio that holds focus when the group is entered (the checked one). */
  inputRef?: Ref<HTMLInputElement>;
  readOnly?: boolean;
}

/** Keys 1–4 choose low…emergency while focus is in the group (arrows work as in any radio group). */
export function priorityOfKey(key: string): Priority | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? (PRIORITIES[index] ?? null) : null;
}

/** Priority as four radio buttons, numbered for the keyboard. */
export function PriorityPicker({ value, onChange, inputRef, readOnly }: PriorityPickerProps) {
  const { t } = useTranslation();
  const name = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (readOnly || event.ctrlKey || event.metaKey || event.altKey) return;
    const priority = priorityOfKey(event.key);
    if (priority === null) return;
    event.preventDefault();
    onChange(priority);
    // Keep focus on the chosen radio, as arrow keys would.
    const radio = event.currentTarget.querySelector<HTMLInputElement>(`input[value="${priority}"]`);
    radio?.focus();
  };
  return (
    <fieldset className="agent-priority" data-testid="agent-priority" onKeyDown={onKeyDown}>
      <legend className="field__label">{t('agent.form.priority')}</legend>
      {PRIORITIES.map((priority, i) => (
        <label key={priority} className={`agent-priority__option agent-priority__option--${priority}`}>
          <input
            ref={priority === value ? inputRef : undefined}
            type="radio"
            name={name}
            value={priority}
            checked={priority === value}
            data-testid={`agent-priority-${priority}`}
            onChange={() => {
              if (!readOnly) onChange(priority);
            }}
          />
          <kbd className="agent-priority__key" aria-hidden="true">
            {i + 1}
          </kbd>
          <span>{t(`priority.${priority}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
