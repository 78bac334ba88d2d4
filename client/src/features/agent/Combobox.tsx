import { useId, useState, type KeyboardEvent, type Ref } from 'react';

export interface ComboboxOption {
  id: string;
  label: string;
  /** A second, quieter line (a region, a code). */
  detail?: string;
}

export interface ComboboxProps {
  label: string;
  /** The text in the input. */
  text: string;
  onTextChange(text: string): void;
  /** Suggestions for the current text, best first. */
  options: readonly ComboboxOption[];
  onPick(option: ComboboxOption): void;
  /** Shown in the list when the text matches nothing. */
  noResults: string;
  placeholder?: string;
  error: string | null;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  readOnly?: boolean;
  autoFocus?: boolean;
}

/**
 * A typeahead (ARIA 1.2 combobox with a list box): type, move with the arrow keys, Enter
 * or Tab to take the highlighted suggestion, Escape to close the list (a second Escape
 * reaches the form). Focus never leaves the input, so typing on corrects the choice.
 */
export function Combobox({
  label,
  text,
  onTextChange,
  options,
  onPick,
  noResults,
  placeholder,
  error,
  testId,
  inputRef,
  readOnly,
  autoFocus,
}: ComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, options.length - 1);
  const activeOption = isOpen && activeIndex >= 0 ? options[activeIndex] : undefined;

  const pick = (option: ComboboxOption) => {
    setIsOpen(false);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly || event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!isOpen) {
          setIsOpen(true);
          setActive(0);
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + options.length) % Math.max(1, options.length));
        return;
      }
      case 'Enter':
        if (activeOption) {
          event.preventDefault();
          pick(activeOption);
        }
        return;
      case 'Tab':
        // Typed and moving on: take the highlighted suggestion (focus still moves).
        if (activeOption && text.trim() !== '') pick(activeOption);
        return;
      case 'Escape':
        if (isOpen) {
          event.preventDefault();
          event.stopPropagation();
          setIsOpen(false);
        }
        return;
    }
  };

  return (
    <div className="field combobox">
      <label className="field__label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="field__input"
        data-testid={testId}
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${id}-option-${activeIndex}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={placeholder}
        readOnly={readOnly}
        autoFocus={autoFocus}
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value);
          setIsOpen(event.target.value.trim() !== '');
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setIsOpen(false)}
      />
      <ul id={listId} className="combobox__list" role="listbox" aria-label={label} hidden={!activeOption}>
        {isOpen &&
          options.map((option, i) => (
            <li
              key={option.id}
              id={`${id}-option-${i}`}
              className="combobox__option"
              role="option"
              aria-selected={i === activeIndex}
              data-testid={`${testId}-option`}
              data-value={option.id}
              // mousedown, not click: the input must keep focus (blur would close the list first).
              onMouseDown={(event) => {
                event.preventDefault();
                pick(option);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="combobox__label">{option.label}</span>
              {option.detail && <span className="combobox__detail">{option.detail}</span>}
            </li>
          ))}
      </ul>
      {isOpen && options.length === 0 && (
        <p className="combobox__empty" role="status">
          {noResults}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
