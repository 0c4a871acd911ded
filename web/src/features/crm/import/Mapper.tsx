import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { WarningIcon } from '../../../components/icons';
import { ScrollRegion } from '../../../components/ui';
import {
  type ColumnTarget,
  duplicateTargets,
  IMPORT_FIELDS,
  type ImportResource,
  mappedItem,
} from './fields';
import { type ChosenFile, fmt, IGNORE, NOUNS, show, targetLabel } from './labels';
import { Progressed } from './Progressed';
import { useImportRun } from './useImportRun';

/** The second step: each column mapped to a field, a preview of the first rows, then the run. */
export function Mapper(p: {
  resource: ImportResource;
  file: ChosenFile;
  mapping: ColumnTarget[];
  setMapping: (m: ColumnTarget[]) => void;
  onBack: () => void;
}) {
  const { headers, rows } = p.file.csv;
  const { run, start, resume, cancel } = useImportRun(p.resource, rows, p.mapping);
  const fields = IMPORT_FIELDS[p.resource];
  const twice = duplicateTargets(p.mapping);
  const mapped = p.mapping.filter(Boolean) as string[];
  const preview = useMemo(
    () => rows.slice(0, 5).map((r) => ({ line: r.line, item: mappedItem(r.cells, p.mapping) })),
    [rows, p.mapping],
  );
  const locked = run.state !== 'idle';
  const noun = p.resource;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Text size="sm">
          {NOUNS[p.resource]} from <b>{p.file.name}</b>: {fmt(rows.length)} rows, {headers.length} columns.
        </Text>
        {(!locked || run.state === 'done') && (
          <Button variant="default" size="xs" onClick={p.onBack} data-testid="import-choose-again">
            {locked ? 'Import another file' : 'Choose another file'}
          </Button>
        )}
      </Group>

      <section aria-labelledby="import-columns">
        <Title order={2} size="h4" id="import-columns" mb="xs">
          Columns
        </Title>
        <Paper withBorder>
          <ScrollRegion minWidth={420} label="Columns of the file">
            <Table verticalSpacing="xs" aria-labelledby="import-columns" data-testid="import-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column in the file</Table.Th>
                  <Table.Th>First value</Table.Th>
                  <Table.Th>Import as</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {headers.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a file's columns never move; headers may repeat
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {h}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
                        {rows[0]?.cells[i] ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Import column “${h}” as`}
                        data-testid={`import-map-${i}`}
                        disabled={locked}
                        value={p.mapping[i] ?? IGNORE}
                        error={
                          p.mapping[i] && twice.includes(p.mapping[i]) ? 'Chosen for two columns' : undefined
                        }
                        onChange={(e) => {
                          const next = [...p.mapping];
                          next[i] = e.currentTarget.value || null;
                          p.setMapping(next);
                        }}
                        data={[
                          { value: IGNORE, label: 'Ignore this column' },
                          ...fields.map((f) => ({ value: f.name, label: f.label })),
                          { value: `custom.${h}`, label: `Custom field “${h}”` },
                        ]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Paper>
      </section>

      <section aria-labelledby="import-preview">
        <Title order={2} size="h4" id="import-preview" mb="xs">
          Preview
        </Title>
        {mapped.length === 0 ? (
          <Text size="sm" c="dimmed">
            No column is imported yet: choose a field for at least one column.
          </Text>
        ) : (
          <Paper withBorder>
            <ScrollRegion minWidth={420} label="Preview of the first rows">
              <Table verticalSpacing="xs" aria-labelledby="import-preview" data-testid="import-preview-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Line</Table.Th>
                    {mapped.map((t) => (
                      <Table.Th key={t}>{targetLabel(p.resource, t)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.map(({ line, item }) => (
                    <Table.Tr key={line}>
                      <Table.Td>{line}</Table.Td>
                      {mapped.map((t) => (
                        <Table.Td key={t} style={{ overflowWrap: 'anywhere' }}>
                          {t.startsWith('custom.')
                            ? show((item.customFields as Record<string, unknown> | undefined)?.[t.slice(7)])
                            : show(item[t])}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Paper>
        )}
      </section>

      {twice.length > 0 && (
        <Alert color="yellow" icon={<WarningIcon />} data-testid="import-duplicate-mapping">
          Each field can come from one column only: {twice.map((t) => targetLabel(p.resource, t)).join(', ')}{' '}
          is chosen twice.
        </Alert>
      )}

      {run.state === 'idle' ? (
        <Group>
          <Button
            onClick={start}
            disabled={mapped.length === 0 || twice.length > 0}
            data-testid="import-start"
          >
            Import {fmt(rows.length)} {noun}
          </Button>
        </Group>
      ) : (
        <Progressed
          run={run}
          noun={noun}
          onCancel={cancel}
          onResume={resume}
          headers={headers}
          fileName={p.file.name}
          nextLine={rows[run.done]?.line}
        />
      )}
    </Stack>
  );
}
