import { useEffect, useState } from 'react';
import { call } from '../../client';
import { isRealDate, pastDateProblem, type InstitutionBedSlot, type InstitutionRow } from '../../contract';
import { useT } from '../../i18n';

export interface Choice {
  value: string;
  label: string;
}

/** The county's institutions for a Select (a county has tens, not thousands: one call). */
export function useInstitutionChoices(includeClosed: boolean) {
  const { t } = useT();
  const [rows, setRows] = useState<InstitutionRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('institutions.list', { includeClosed }).then(
      (loaded) => live && setRows(loaded),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [includeClosed]);
  const choices: Choice[] = (rows ?? []).map((r) => ({
    value: r.id,
    label: r.closedOn ? t('resident.institutionClosed', { name: r.name }) : r.name,
  }));
  return { rows, choices, error, loading: rows === null && !error };
}

/** "101 房 2 床（护理型）". */
export function useBedLabel() {
  const { t } = useT();
  return (bed: Pick<InstitutionBedSlot, 'room' | 'label' | 'nursing'>) =>
    t(bed.nursing ? 'resident.bedOptionNursing' : 'resident.bedOption', { room: bed.room, label: bed.label });
}

/**
 * The beds of an institution free on a day (no occupant, not retired by then), for the bed Select;
 * `registered` tells whether the institution keeps a bed register at all (then a bed is required).
 */
export function useFreeBeds(institutionId: string | null, onDate: string, exceptBedId?: string | null) {
  const bedLabel = useBedLabel();
  const [slots, setSlots] = useState<{ for: string; beds: InstitutionBedSlot[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // An unfinished or future date asks about today: the list still helps while the date is typed.
  const day = isRealDate(onDate.trim()) && !pastDateProblem(onDate.trim()) ? onDate.trim() : null;
  const key = institutionId ? `${institutionId}@${day ?? ''}` : null;

  useEffect(() => {
    if (!institutionId || !key) return;
    let live = true;
    setError(null);
    call('institutionBeds.list', { institutionId, onDate: day }).then(
      (beds) => live && setSlots({ for: key, beds }),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [institutionId, day, key]);

  const current = slots && slots.for === key ? slots.beds : null;
  const inUse = (current ?? []).filter((b) => !b.retiredOn || (day !== null && b.retiredOn > day));
  const free = inUse.filter((b) => b.occupant === null || b.id === exceptBedId);
  return {
    loading: institutionId !== null && current === null && !error,
    error,
    /** Beds in the register that are not retired on the day. */
    registered: inUse.length,
    choices: free.map((b) => ({ value: b.id, label: bedLabel(b) })),
  };
}
