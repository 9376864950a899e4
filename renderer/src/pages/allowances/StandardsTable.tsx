import { Table, Text } from '@mantine/core';
import type { AllowanceStandard, StandardAmount } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen } from '../../money';

/** The amounts in the order of the table: basic living, care (concentrated, dispersed), orphan. */
export const CARE_CONCENTRATED: StandardAmount[] = ['careSelfCareConcentratedFen', 'carePartialConcentratedFen', 'careCompleteConcentratedFen'];
export const CARE_DISPERSED: StandardAmount[] = ['careSelfCareDispersedFen', 'carePartialDispersedFen', 'careCompleteDispersedFen'];
export const ORPHAN: StandardAmount[] = ['orphanConcentratedFen', 'orphanDispersedFen'];
const AMOUNT_ORDER: StandardAmount[] = ['basicLivingFen', ...CARE_CONCENTRATED, ...CARE_DISPERSED, ...ORPHAN];

/** One amount as the table shows it: 元 with two decimals, or 未设置. */
export function AmountCell({ fen }: { fen: number | null }) {
  const { t } = useT();
  return (
    <Table.Td ta="right" className="money">
      {fen === null ? (
        <Text span inherit c="dimmed">
          {t('standard.notSet')}
        </Text>
      ) : (
        formatFen(fen)
      )}
    </Table.Td>
  );
}

/**
 * Versions of the allowance standard, one per line, amounts grouped as the rules group them;
 * `withMeta` adds the note and who entered each version (one column: the table fits the page).
 */
export function StandardsTable({ standards, withMeta, label }: { standards: AllowanceStandard[]; withMeta: boolean; label: string }) {
  const { t } = useT();
  const levels = ['self_care', 'partial', 'complete'] as const;
  return (
    <Table.ScrollContainer minWidth={withMeta ? 1000 : 860}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={label} className="standards-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th rowSpan={2}>{t('standard.effectiveFrom')}</Table.Th>
            <Table.Th rowSpan={2} ta="right">
              {t('standard.basicLiving')}
            </Table.Th>
            <Table.Th colSpan={3} ta="center">
              {t('standard.careConcentrated')}
            </Table.Th>
            <Table.Th colSpan={3} ta="center">
              {t('standard.careDispersed')}
            </Table.Th>
            <Table.Th colSpan={2} ta="center">
              {t('standard.orphan')}
            </Table.Th>
            {withMeta && <Table.Th rowSpan={2}>{t('standard.noteAndEntry')}</Table.Th>}
          </Table.Tr>
          <Table.Tr>
            {[...levels, ...levels].map((level, i) => (
              <Table.Th key={`${level}-${i}`} ta="right">
                {t(`welfare.level.${level}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('standard.orphanConcentrated')}</Table.Th>
            <Table.Th ta="right">{t('standard.orphanDispersed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {standards.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.effectiveFrom}</Table.Td>
              {AMOUNT_ORDER.map((key) => (
                <AmountCell key={key} fen={s[key]} />
              ))}
              {withMeta && (
                <Table.Td miw={180}>
                  {s.note && <Text size="sm">{s.note}</Text>}
                  <Text size="xs" c="dimmed">
                    {s.createdByName ? `${s.createdByName} · ${formatDateTime(s.createdAt, false)}` : t('rate.seeded')}
                  </Text>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
