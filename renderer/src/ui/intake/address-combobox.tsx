// A text field with a list of completions from the directory: arrows move, Enter picks, Esc closes the list; free text stays allowed.
import { useId, useState, type KeyboardEvent, type Ref } from 'react';

interface AddressComboboxProps {
  label: string;
  value: string;
  /** Completions for the current text, best first. */
  options: readonly string[];
  onChange(text: string): void;
  onPick(option: string): void;
  placeholder?: string;
  /** Shown when text is typed and nothing in the directory fits. */
  noMatches: string;
  note?: string;
  inputRef?: Ref<HTMLInputElement>;
  testId: string;
}

export function AddressCombobox({ label, value, options, onChange, onPick, placeholder, noMatches, note, inputRef, testId }: AddressComboboxProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = open && options.length > 0 && !(options.length === 1 && options[0] === value);
  const activeIndex = Math.min(active, options.length - 1);

  const pick = (option: string) => {
    onPick(option);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % Math.max(options.length, 1));
    } else if (e.key === 'Enter' && shown && !e.ctrlKey) {
      // the list is open: Enter picks, it does not save the form
      e.preventDefault();
      e.stopPropagation();
      pick(options[activeIndex]!);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="field intake-combobox">
      <label htmlFor={`${id}-input`}>
        {label}
        {note && <em className="field-note"> · {note}</em>}
      </label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${id}-option-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        data-testid={testId}
      />
      {shown && (
        <ul className="intake-options" role="listbox" id={`${id}-list`} data-testid={`${testId}-options`}>
          {options.map((option, i) => (
            <li
              key={option}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : undefined}
              // mousedown, not click: the input must not lose focus first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      )}
      {open && options.length === 0 && value.trim() !== '' && <span className="intake-field-hint">{noMatches}</span>}
    </div>
  );
}
