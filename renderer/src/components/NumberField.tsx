import { TextInput, type TextInputProps } from '@mantine/core';

/** Full-width digits and dot to ASCII, separators dropped: what a clerk's IME may type. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '');
}

/**
 * A whole (or, with `decimals`, decimal) number typed as text: only digits (and one dot) get in.
 * Lighter than Mantine's NumberInput (no react-number-format in the main bundle); the value stays
 * a string, parsed with parseNumberField when the form is saved.
 */
export function NumberField({
  value,
  onChange,
  decimals = 0,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange(text: string): void; decimals?: number; 'data-field'?: string }) {
  return (
    <TextInput
      {...rest}
      value={value}
      inputMode={decimals > 0 ? 'decimal' : 'numeric'}
      autoComplete="off"
      onChange={(e) => {
        let text = normalise(e.currentTarget.value);
        text = decimals > 0 ? text.replace(/[^\d.]/g, '').replace(/(\..*)\./g, '$1') : text.replace(/\D/g, '');
        if (decimals > 0) {
          const dot = text.indexOf('.');
          if (dot >= 0) text = text.slice(0, dot + 1 + decimals);
        }
        onChange(text);
      }}
    />
  );
}

/** "" → null; "12" → 12; "12.5" → 12.5 (decimals only when allowed); NaN for anything else. */
export function parseNumberField(text: string): number | null {
  const value = text.trim();
  if (!value) return null;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}
