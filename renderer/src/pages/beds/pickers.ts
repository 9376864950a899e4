import { useCallback } from 'react';
import { call } from '../../client';
import type { RemoteOption } from '../../components/RemoteSelect';
import { useT } from '../../i18n';

/** Searches for the 服务对象 select: name, pinyin initials or the last four ID digits (people.list). */
export function usePersonSearch() {
  const { t } = useT();
  return useCallback(
    async (query: string): Promise<RemoteOption[]> => {
      const page = await call('people.list', { query: query || undefined, limit: 20 });
      return page.rows.map((p) => ({
        value: p.id,
        label: p.name,
        detail: [p.hasIdNumber ? p.idNumber : t('person.noIdNumber'), p.birthDate ? t('bed.bornOn', { date: p.birthDate }) : null]
          .filter(Boolean)
          .join(' · '),
      }));
    },
    [t],
  );
}

/** Searches for the 责任站点 select (stations.list: name or pinyin initials). */
export function useStationSearch() {
  const { t } = useT();
  return useCallback(
    async (query: string): Promise<RemoteOption[]> => {
      const page = await call('stations.list', { query: query || undefined, limit: 30 });
      return page.rows.map((s) => ({
        value: s.id,
        label: s.name,
        detail: [s.townName, t(`station.kind.${s.kind}`), s.operatorName].filter(Boolean).join(' · '),
      }));
    },
    [t],
  );
}
