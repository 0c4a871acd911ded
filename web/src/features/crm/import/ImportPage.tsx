import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type DragEvent, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/client';
import { WarningIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/ui';
import { downloadText, errorReportCsv } from './errorReport';
import {
  type ColumnTarget,
  duplicateTargets,
  guessMapping,
  IMPORT_FIELDS,
  type ImportResource,
  mappedItem,
} from './fields';
import { CsvFileError, type ParsedCsv, readCsvFile } from './parseCsv';
import { useImportRun } from './useImportRun';

const RESOURCES: { value: ImportResource; label: string }[] = [
  { value: 'people', label: 'People' },
  { value: 'companies', label: 'Companies' },
  { value: 'interactions', label: 'Interactions' },
];

const NOUNS: Record<ImportResource, string> = {
  people: 'People',
  companies: 'Companies',
  interactions: 'Interactions',
};

const IGNORE = '';

interface ChosenFile {
  name: string;
  csv: ParsedCsv;
}

const fmt = (n: number) => n.toLocaleString('en');

/** The label of a column's target, for the preview's header. */
function targetLabel(resource: ImportResource, target: string): string {
  if (target.startsWith('custom.')) return `Custom: ${target.slice('custom.'.length)}`;
  const label = IMPORT_FIELDS[resource].find((f) => f.name === target)?.label ?? target;
  return label.replace(/ \(.*\)$/, '');
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** `/crm/import`: a CSV of people or companies, mapped column by column, sent 100 rows at a time. */
export function ImportPage() {
  const [params] = useSearchParams();
  const [resource, setResource] = useState<ImportResource>(
    RESOURCES.find((r) => r.value === params.get('type'))?.value ?? 'people',
  );
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnTarget[]>([]);

  const choose = async (f: File | undefined, forResource = resource) => {
    setFileError(null);
    setFile(null);
    if (!f) return;
    try {
      const csv = await readCsvFile(f);
      setFile({ name: f.name, csv });
      setMapping(guessMapping(csv.headers, forResource));
    } catch (err) {
      setFileError(
        err instanceof CsvFileError ? err.message : `Could not read this file: ${errorMessage(err)}`,
      );
    }
  };

  const changeResource = (r: ImportResource) => {
    setResource(r);
    if (file) setMapping(guessMapping(file.csv.headers, r));
  };

  return (
    <>
      <PageHeader
        title="Import"
        description="Add or update people, companies or interactions from a CSV file. People are matched by email, phone or LinkedIn URL, companies by domain, interactions by their external id (or their content), so importing a file twice updates instead of duplicating."
      />
      {file ? (
        <Mapper
          key={`${file.name}|${resource}`}
          resource={resource}
          file={file}
          mapping={mapping}
          setMapping={setMapping}
          onBack={() => setFile(null)}
        />
      ) : (
        <FileStep
          resource={resource}
          onResource={changeResource}
          onFile={(f) => choose(f)}
          error={fileError}
        />
      )}
    </>
  );
}

function FileStep(p: {
  resource: ImportResource;
  onResource: (r: ImportResource) => void;
  onFile: (f: File | undefined) => void;
  error: string | null;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    p.onFile(e.dataTransfer.files[0]);
  };
  return (
    <Stack gap="md" maw={640}>
      <Stack gap={4}>
        <Text fw={500} size="sm" id={`${inputId}-type`}>
          Record type
        </Text>
        <SegmentedControl
          aria-labelledby={`${inputId}-type`}
          value={p.resource}
          onChange={(v) => p.onResource(v as ImportResource)}
          data={RESOURCES}
          data-testid="import-type"
        />
      </Stack>
      <Paper
        withBorder
        p="lg"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        style={{ borderStyle: 'dashed', background: over ? 'var(--mantine-color-blue-light)' : undefined }}
        data-testid="import-drop"
      >
        <Stack gap="xs" align="flex-start">
          <label htmlFor={inputId}>
            <Text fw={500} size="sm">
              CSV file
            </Text>
          </label>
          <Text size="sm" c="dimmed">
            Choose a .csv file with a header row (up to 20 MB), or drop it here. Larger files: use{' '}
            <code>klipy import</code> on the server.
          </Text>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(e) => {
              p.onFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>
      {p.error && (
        <Alert
          color="red"
          icon={<WarningIcon />}
          role="alert"
          title="This file cannot be imported"
          data-testid="import-file-error"
        >
          {p.error}
        </Alert>
      )}
    </Stack>
  );
}

function Mapper(p: {
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
          <Table.ScrollContainer
            minWidth={420}
            scrollAreaProps={{
              viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Columns of the file' },
            }}
          >
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
          </Table.ScrollContainer>
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
            <Table.ScrollContainer
              minWidth={420}
              scrollAreaProps={{
                viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Preview of the first rows' },
              }}
            >
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
            </Table.ScrollContainer>
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

function Progressed({
  run,
  noun,
  onCancel,
  onResume,
  headers,
  fileName,
  nextLine,
}: {
  run: ReturnType<typeof useImportRun>['run'];
  noun: ImportResource;
  onCancel: () => void;
  onResume: () => void;
  headers: string[];
  fileName: string;
  /** The file line of the first row not sent yet. */
  nextLine: number | undefined;
}) {
  const [cancelling, setCancelling] = useState(false);
  const percent = run.total ? Math.round((run.done / run.total) * 100) : 0;
  const running = run.state === 'running';
  // An interaction sent again is found by its external id, not changed.
  const updatedWord = noun === 'interactions' ? 'already recorded' : 'updated';
  const downloadReport = () =>
    downloadText(errorReportCsv(headers, run.failed), `${fileName.replace(/\.[^.]*$/, '')}-errors.csv`);
  return (
    <section aria-labelledby="import-progress">
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-progress">
          Progress
        </Title>
        <Progress
          value={percent}
          size="lg"
          aria-label={`Import progress: ${fmt(run.done)} of ${fmt(run.total)} rows`}
          animated={running}
          data-testid="import-progressbar"
        />
        <Text size="sm" aria-live="polite" data-testid="import-progress-text">
          {fmt(run.done)} of {fmt(run.total)} rows · {fmt(run.created)} created · {fmt(run.updated)}{' '}
          {updatedWord} · {fmt(run.failed.length)} failed
        </Text>
        {running && (
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setCancelling(true);
                onCancel();
              }}
              disabled={cancelling}
              data-testid="import-cancel"
            >
              {cancelling ? 'Stopping after this batch…' : 'Cancel'}
            </Button>
          </Group>
        )}
        {run.state === 'stopped' && (
          <Alert
            color="red"
            icon={<WarningIcon />}
            role="alert"
            title="The import stopped"
            data-testid="import-stopped"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                A batch of rows could not be sent: {errorMessage(run.error)} {fmt(run.done)} of{' '}
                {fmt(run.total)} rows are done; Resume continues from line {nextLine}. Rows sent twice are
                updated, not duplicated.
              </Text>
              <Button size="xs" color="red" variant="white" onClick={onResume} data-testid="import-resume">
                Resume
              </Button>
            </Stack>
          </Alert>
        )}
        {run.state === 'cancelled' && (
          <Alert color="yellow" title="Import cancelled" data-testid="import-cancelled">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                Stopped after {fmt(run.done)} of {fmt(run.total)} rows.
              </Text>
              <Button
                size="xs"
                variant="white"
                onClick={() => {
                  setCancelling(false);
                  onResume();
                }}
                data-testid="import-resume"
              >
                Resume
              </Button>
            </Stack>
          </Alert>
        )}
        {run.state === 'done' && (
          <Alert
            color={run.failed.length ? 'yellow' : 'green'}
            title="Import finished"
            role="status"
            data-testid="import-summary"
          >
            {NOUNS[noun]}: {fmt(run.created)} created, {fmt(run.updated)} {updatedWord},{' '}
            {fmt(run.failed.length)} failed.
          </Alert>
        )}
        {run.failed.length > 0 && !running && <FailedRows run={run} onDownload={downloadReport} />}
        {run.state === 'done' && (
          <Group>
            <Button component={Link} to={`/crm/${noun}`} variant="light">
              Open {noun}
            </Button>
          </Group>
        )}
      </Stack>
    </section>
  );
}

function FailedRows({
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
        <Table.ScrollContainer
          minWidth={340}
          scrollAreaProps={{
            viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Rows that failed' },
          }}
        >
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
        </Table.ScrollContainer>
      </Paper>
      {run.failed.length > shown.length && (
        <Text size="sm" c="dimmed">
          The first {shown.length} of {fmt(run.failed.length)} are shown; the report has them all.
        </Text>
      )}
    </Stack>
  );
}
