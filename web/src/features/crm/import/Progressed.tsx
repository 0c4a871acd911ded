import { Alert, Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/client';
import { WarningIcon } from '../../../components/icons';
import { downloadText, errorReportCsv } from './errorReport';
import { FailedRows } from './FailedRows';
import type { ImportResource } from './fields';
import { fmt, NOUNS } from './labels';
import type { useImportRun } from './useImportRun';

/** A run's progress bar and counts, cancel and resume, its summary and the failed rows. */
export function Progressed({
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
