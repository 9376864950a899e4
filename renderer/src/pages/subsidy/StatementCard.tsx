import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { SubsidyStatement } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen } from '../../money';

/** One operator's statement for the month: status, the rate used, one line per bed, totals. */
export function StatementCard({ statement }: { statement: SubsidyStatement }) {
  const { t } = useT();
  const issued = statement.issuedAt !== null;
  const { rate, totals } = statement;
  return (
    <Paper withBorder p="md" radius="md" bg="white" data-testid="subsidy-statement" aria-label={statement.operatorName} component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={4}>{statement.operatorName}</Title>
            <Text size="sm" c="dimmed">
              {t('subsidy.rateUsed', {
                build: formatFen(rate.buildFen),
                operating: formatFen(rate.operatingFenPerMonth),
                from: rate.effectiveFrom,
                on: statement.rateAppliesOn,
              })}
            </Text>
          </Stack>
          {issued ? (
            <Stack gap={2} align="flex-end">
              <Badge color="green" variant="light" size="lg">
                {t('subsidy.issued')}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('subsidy.issuedBy', { at: formatDateTime(statement.issuedAt, false), by: statement.issuedByName ?? '—' })}
              </Text>
            </Stack>
          ) : (
            <Badge color="gray" variant="light" size="lg">
              {t('subsidy.draft')}
            </Badge>
          )}
        </Group>
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder withColumnBorders verticalSpacing={6} aria-label={t('subsidy.linesOf', { operator: statement.operatorName })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bed.person')}</Table.Th>
                <Table.Th>{t('bed.installDate')}</Table.Th>
                <Table.Th>{t('bed.endDate')}</Table.Th>
                <Table.Th ta="right">{t('subsidy.buildYuan')}</Table.Th>
                <Table.Th ta="right">{t('subsidy.activeDays')}</Table.Th>
                <Table.Th ta="right">{t('subsidy.operatingYuan')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.lines.map((line) => (
                <Table.Tr key={line.bedId}>
                  <Table.Td>{line.personName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.installDate}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.endDate ?? ''}</Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(line.buildFen)}
                  </Table.Td>
                  <Table.Td ta="right" className="money">
                    {line.activeDays}
                  </Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(line.operatingFen)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700} bg="gray.0">
                <Table.Th scope="row" colSpan={3}>
                  {t('subsidy.totalsBeds', { beds: totals.beds })}
                </Table.Th>
                <Table.Td ta="right" className="money" data-testid="subsidy-total-build">
                  {formatFen(totals.buildFen)}
                </Table.Td>
                <Table.Td />
                <Table.Td ta="right" className="money" data-testid="subsidy-total-operating">
                  {formatFen(totals.operatingFen)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end">
          <Text fw={700} data-testid="subsidy-total">
            {t('subsidy.grandTotal', { amount: formatFen(totals.totalFen) })}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
