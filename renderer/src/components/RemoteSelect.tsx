import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n';
import { requiredLabel } from './required-label';

export interface RemoteOption {
  value: string;
  label: string;
  /** A second line in the list (and under the field once chosen): ID number, birth date, town… */
  detail?: string;
}

/**
 * A searchable Select whose options come from the main side as the clerk types (people.list,
 * stations.list…), so name, pinyin initials and the main side's other search rules all work.
 */
export function RemoteSelect(props: {
  label: string;
  value: RemoteOption | null;
  onChange(option: RemoteOption | null): void;
  search(query: string): Promise<RemoteOption[]>;
  placeholder?: string;
  description?: string;
  error?: string;
  readOnly?: boolean;
  required?: boolean;
  clearable?: boolean;
  w?: number | string;
  'data-field'?: string;
}) {
  const { t, errorText } = useT();
  const [query, setQuery] = useState(props.value?.label ?? '');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { search, readOnly } = props;
  const chosenLabel = props.value?.label ?? null;

  useEffect(() => {
    if (readOnly) return;
    let live = true;
    // The text of the chosen option is not a search: offer the first page again.
    const q = debounced === chosenLabel ? '' : debounced;
    setLoading(true);
    search(q).then(
      (found) => {
        if (!live) return;
        setOptions(found);
        setLoadError(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setLoadError(error);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [debounced, chosenLabel, search, readOnly]);

  const data = useMemo(() => {
    const all = props.value ? [props.value, ...options.filter((o) => o.value !== props.value!.value)] : options;
    return all.map((o) => ({ value: o.value, label: o.label }));
  }, [options, props.value]);
  const detailOf = (value: string) => (props.value?.value === value ? props.value.detail : options.find((o) => o.value === value)?.detail);

  return (
    <Select
      label={props.label}
      description={props.value?.detail ?? props.description}
      placeholder={props.placeholder ?? t('remote.placeholder')}
      data={data}
      value={props.value?.value ?? null}
      onChange={(value) => {
        const option = value ? (value === props.value?.value ? props.value : options.find((o) => o.value === value)) : null;
        props.onChange(option ?? null);
      }}
      searchable
      searchValue={query}
      onSearchChange={setQuery}
      filter={({ options: all }) => all}
      renderOption={({ option }) => {
        const detail = detailOf(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {detail && (
              <Text size="xs" c="dimmed">
                {detail}
              </Text>
            )}
          </Stack>
        );
      }}
      nothingFoundMessage={loading ? t('common.loading') : t('remote.nothingFound')}
      clearable={props.clearable && !props.readOnly}
      allowDeselect={false}
      readOnly={props.readOnly}
      labelProps={requiredLabel(props.required)}
      error={props.error ?? (loadError ? errorText(loadError) : undefined)}
      maxDropdownHeight={320}
      w={props.w}
      data-field={props['data-field']}
    />
  );
}
