import { Badge, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment } from 'react';
import { STANDARD_AMOUNTS, type AllowanceRoster, type RosterLine, type StandardAmount } from '../../contract';
import { useT, type Translator } from '../../i18n';
import { formatFen } from '../../money';
import { amountLabel, categoryLabel, levelLabel, problemText, supportFormLabel } from '../institutions/welfare-labels';

/**
 * The roster's column titles, shared by the table and the CSV file. The table states the unit once
 * (金额单位：元) to stay within the page; the CSV names it in each amount column.
 */
export function rosterColumns(t: Translator['t'], withUnit: boolean): string[] {
  return [
    t('roster.no'),
    t('person.name'),
    t('person.idNumber'),
    t('roster.category'),
    t('roster.supportForm'),
    t('roster.days'),
    t('roster.level'),
    withUnit ? t('roster.basicLivingYuan') : t('roster.basicLiving'),
    withUnit ? t('roster.careYuan') : t('roster.care'),
    withUnit ? t('roster.orphanYuan') : t('roster.orphan'),
    withUnit ? t('roster.totalYuan') : t('roster.total'),
    t('roster.problems'),
  ];
}

/** A line's problems in the current language; a standard's item is named as the standards table names it. */
export function lineProblems(translator: Pick<Translator, 't' | 'errorText'>, line: RosterLine): string[] {
  return line.problems.map((p) => {
    const item = p.params?.item;
    const params =
      typeof item === 'string' && (STANDARD_AMOUNTS as readonly string[]).includes(item)
        ? { ...p.params, item: amountLabel(translator.t, item as StandardAmount) }
        : p.params;
    return problemText(translator.errorText, { code: p.code, params });
  });
}

/** One institution's month: a line per resident with what each item pays, problems under the line, totals. */
export function RosterTable({ roster }: { roster: AllowanceRoster }) {
  const translator = useT();
  const { t } = translator;
  const columns = rosterColumns(t, false);
  const { totals } = roster;
  return (
    <Table.ScrollContainer minWidth={1000} className="roster-scroll">
      <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={t('allowances.tab.roster')} className="roster-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            {columns.slice(0, 11).map((title, i) => (
              <Table.Th key={title} ta={i >= 5 && i !== 6 ? 'right' : undefined}>
                {title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roster.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={11}>
                <Text c="dimmed" ta="center" py="md">
                  {t('roster.empty', { month: roster.month })}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {roster.lines.map((line, index) => {
            const problems = lineProblems(translator, line);
            return (
              <Fragment key={line.residentId}>
                <Table.Tr data-testid="roster-line" className={problems.length ? 'roster-line-problem' : undefined}>
                  <Table.Td className="money">{index + 1}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {line.name}
                    {problems.length > 0 && (
                      <Tooltip label={<Stack gap={2}>{problems.map((p) => <span key={p}>{p}</span>)}</Stack>} multiline w={360} withArrow>
                        <Badge ml={6} size="sm" color="orange" variant="light" className="badge-full no-print" tabIndex={0}>
                          {t('roster.check', { count: problems.length })}
                        </Badge>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td className="id-number" style={{ whiteSpace: 'nowrap' }}>
                    {line.idNumber ?? (
                      <Text span size="sm" c="dimmed">
                        {t('person.noIdNumber')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{categoryLabel(t, line.category)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{supportFormLabel(t, line.supportForm)}</Table.Td>
                  <Table.Td ta="right" className="money">
                    {line.days}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.level ? levelLabel(t, line.level) : ''}</Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(line.basicLivingFen)}
                  </Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(line.careFen)}
                  </Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(line.orphanFen)}
                  </Table.Td>
                  <Table.Td ta="right" className="money" fw={600}>
                    {formatFen(line.totalFen)}
                  </Table.Td>
                </Table.Tr>
                {problems.length > 0 && (
                  <Table.Tr className="roster-problems">
                    <Table.Td />
                    <Table.Td colSpan={10} py={2}>
                      {problems.map((p) => (
                        <Text key={p} size="xs" c="orange.9">
                          ⚠ {p}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} bg="gray.0" data-testid="roster-totals">
            <Table.Th scope="row" colSpan={5}>
              {t('roster.totals', { residents: totals.residents })}
            </Table.Th>
            <Table.Td ta="right" className="money" data-testid="roster-total-days">
              {totals.days}
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right" className="money" data-testid="roster-total-basic">
              {formatFen(totals.basicLivingFen)}
            </Table.Td>
            <Table.Td ta="right" className="money" data-testid="roster-total-care">
              {formatFen(totals.careFen)}
            </Table.Td>
            <Table.Td ta="right" className="money" data-testid="roster-total-orphan">
              {formatFen(totals.orphanFen)}
            </Table.Td>
            <Table.Td ta="right" className="money" data-testid="roster-total">
              {formatFen(totals.totalFen)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
