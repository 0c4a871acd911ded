import { Alert, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { type DragEvent, useId, useRef, useState } from 'react';
import { WarningIcon } from '../../../components/icons';
import type { ImportResource } from './fields';
import { RESOURCES } from './labels';

/** The first step: the record type, and a CSV file chosen or dropped. */
export function FileStep(p: {
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
