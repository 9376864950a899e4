import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../client';
import type { DivisionItem } from '../contract';
import { useT } from '../i18n';
import { requiredLabel } from './required-label';

/** Divisions never change while the app runs: each list is fetched once. */
const childrenCache = new Map<string, Promise<DivisionItem[]>>();

export function divisionChildren(parent: string | null): Promise<DivisionItem[]> {
  const key = parent ?? '';
  let pending = childrenCache.get(key);
  if (!pending) {
    pending = call('divisions.children', { code: parent });
    pending.catch(() => childrenCache.delete(key));
    childrenCache.set(key, pending);
  }
  return pending;
}

/** Children of `parent` (null → provinces); nothing is loaded while `parent` is undefined. */
export function useDivisionChildren(parent: string | null | undefined) {
  const [state, setState] = useState<{ parent: string | null | undefined; items: DivisionItem[]; error: unknown }>({
    parent: undefined,
    items: [],
    error: null,
  });
  useEffect(() => {
    if (parent === undefined) return;
    let live = true;
    divisionChildren(parent).then(
      (items) => live && setState({ parent, items, error: null }),
      (error: unknown) => live && setState({ parent, items: [], error }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  const current = parent !== undefined && state.parent === parent;
  return { items: current ? state.items : [], loading: parent !== undefined && !current, error: current ? state.error : null };
}

export interface DivisionSelectProps {
  label: string;
  /** Whose children to offer: null → provinces; undefined → disabled until the level above is chosen. */
  parent: string | null | undefined;
  value: string | null;
  onChange(code: string | null, item: DivisionItem | null): void;
  error?: string;
  description?: string;
  placeholder?: string;
  readOnly?: boolean;
  clearable?: boolean;
  required?: boolean;
}

/** One level of a province → city → county → town → village cascade: searchable, labelled. */
export function DivisionSelect(props: DivisionSelectProps) {
  const { t, errorText } = useT();
  const { items, loading, error } = useDivisionChildren(props.parent);
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={loading ? t('common.loading') : (props.placeholder ?? t('division.choose'))}
      data={items.map((d) => ({ value: d.code, label: d.name }))}
      value={props.value}
      onChange={(code) => props.onChange(code, items.find((d) => d.code === code) ?? null)}
      searchable
      clearable={props.clearable}
      allowDeselect={false}
      nothingFoundMessage={loading ? t('common.loading') : t('division.nothingFound')}
      disabled={props.parent === undefined}
      readOnly={props.readOnly}
      labelProps={requiredLabel(props.required)}
      error={props.error ?? (error ? errorText(error) : undefined)}
      maxDropdownHeight={320}
    />
  );
}
