import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from './FieldFrame';
import { displayPhone, formatWhileTyping } from './phoneInput';

export interface CitizenFieldsProps {
  name: string;
  phone: string;
  onName(name: string): void;
  onPhone(phone: string): void;
  nameError: string | null;
  phoneError: string | null;
  readOnly: boolean;
  nameRef: Ref<HTMLInputElement>;
  phoneRef: Ref<HTMLInputElement>;
}

/** The shape agents are told to type a phone in (not translated: it is a number). */
const PHONE_PLACEHOLDER = '+7 7XX XXX XX XX';

/**
 * The caller's name and phone, both optional. The phone takes any common shape and is
 * shown as +7 7XX XXX XX XX once complete (phoneInput.ts). Personal data: it lives in the
 * form's state only and leaves the page in the request body, nowhere else.
 */
export function CitizenFields(props: CitizenFieldsProps) {
  const { name, phone, onName, onPhone, nameError, phoneError, readOnly, nameRef, phoneRef } = props;
  const { t } = useTranslation();
  return (
    <fieldset className="agent-form__row agent-form__citizen">
      <legend className="agent-form__legend">{t('agent.form.citizen')}</legend>
      <FieldFrame label={t('agent.form.citizenName')} error={nameError}>
        {(control) => (
          <input
            {...control}
            ref={nameRef}
            className="field__input"
            data-testid="agent-citizen-name"
            autoComplete="off"
            value={name}
            readOnly={readOnly}
            onChange={(event) => onName(event.target.value)}
          />
        )}
      </FieldFrame>
      <FieldFrame label={t('agent.form.citizenPhone')} error={phoneError} errorTestId="agent-citizen-phone-error">
        {(control) => (
          <input
            {...control}
            ref={phoneRef}
            className="field__input"
            data-testid="agent-citizen-phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder={PHONE_PLACEHOLDER}
            value={phone}
            readOnly={readOnly}
            onChange={(event) => {
              const { value, selectionStart } = event.target;
              onPhone(formatWhileTyping(value, selectionStart === value.length));
            }}
            onBlur={() => onPhone(displayPhone(phone))}
          />
        )}
      </FieldFrame>
    </fieldset>
  );
}
