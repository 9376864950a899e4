import { useCallback, useEffect, useState } from 'react';

/**
 * The record a form drawer edits: loaded by id (nothing to load for a new one), with the form's values
 * taken from it. `formKey` changes on every load so the form starts again from the loaded values
 * (after a version conflict, `load` again). `get` and `valuesFrom` must be stable (module-level)
 * functions: they are the load's dependencies.
 */
export function useEditedRecord<R, V>(editId: string | null, get: (id: string) => Promise<R>, valuesFrom: (record: R) => V, empty: V) {
  const [record, setRecord] = useState<R | null>(null);
  const [values, setValues] = useState<V>(empty);
  const [loading, setLoading] = useState(editId !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(
    async (id: string) => {
      setLoading(true);
      setLoadError(null);
      try {
        const loaded = await get(id);
        setRecord(loaded);
        setValues(valuesFrom(loaded));
        setFormKey((k) => k + 1);
      } catch (error) {
        setLoadError(error);
      } finally {
        setLoading(false);
      }
    },
    [get, valuesFrom],
  );

  useEffect(() => {
    if (editId) void load(editId);
  }, [editId, load]);

  return { record, values, setValues, loading, loadError, formKey, load };
}
