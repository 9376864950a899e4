/** labelProps for a required field: a CSS asterisk that is not part of the label's text. */
export const REQUIRED_LABEL = { className: 'required-label' } as const;

export function requiredLabel(required: boolean | undefined) {
  return required ? REQUIRED_LABEL : undefined;
}
