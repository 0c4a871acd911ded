import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ScrollRegion } from '../../../components/ui';
import { fmt } from './labels';
import type { useImportRun } from './useImportRun';

/** The first 50 rows that failed, with the report of them all to download. */
export function FailedRows({
  run,
  onDownload,
}: {
  run: ReturnType<typeof useImportRun>['run'];
  onDownload: () => void;
}) {
  const shown = run.failed.slice(0, 50);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5" id="import-failed">
          Rows that failed
        </Title>
        <Button variant="light" onClick={onDownload} data-testid="import-download-report">
          Download error report
        </Button>
      </Group>
      <Paper withBorder>
        <ScrollRegion minWidth={340} label="Rows that failed">
          <Table verticalSpacing="xs" aria-labelledby="import-failed" data-testid="import-failed-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((f) => (
                <Table.Tr key={f.line} data-testid="import-failed-row">
                  <Table.Td>{f.line}</Table.Td>
                  <Table.Td>{f.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Paper>
      {run.failed.length > shown.length && (
        <Text size="sm" c="dimmed">
          The first {shown.length} of {fmt(run.failed.length)} are shown; the report has them all.
        </Text>
      )}
    </Stack>
  );
}
