import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { type FailedRow, type ItemError, itemErrorMessage } from './errorReport';
import { type ColumnTarget, type ImportResource, mappedItem } from './fields';
import type { CsvRow } from './parseCsv';

/** The batch routes take at most 100 items. */
export const BATCH_SIZE = 100;

interface BatchResult {
  results: { index: number; status: 'created' | 'updated' | 'error'; error: ItemError | null }[];
}

export interface ImportRun {
  state: 'idle' | 'running' | 'cancelled' | 'stopped' | 'done';
  /** Rows sent and answered (the next batch starts here). */
  done: number;
  total: number;
  created: number;
  updated: number;
  failed: FailedRow[];
  /** Why the run stopped (a batch the server did not answer), when it did. */
  error: unknown;
}

const idle: ImportRun = {
  state: 'idle',
  done: 0,
  total: 0,
  created: 0,
  updated: 0,
  failed: [],
  error: null,
};

/**
 * Sends the rows to `POST /crm/{resource}/batch`, 100 at a time, one batch after the
 * other. Cancel stops after the batch in flight; a batch that fails as a whole (network,
 * 5xx) stops the run, and `resume` sends again from its first row: batches upsert (by
 * email / phone / LinkedIn, by domain), so a batch that was applied but not answered
 * is not duplicated.
 */
export function useImportRun(resource: ImportResource, rows: CsvRow[], mapping: ColumnTarget[]) {
  const [run, setRun] = useState<ImportRun>(idle);
  const cancelled = useRef(false);
  const qc = useQueryClient();

  const go = useCallback(
    async (from: ImportRun) => {
      cancelled.current = false;
      let current: ImportRun = { ...from, state: 'running', total: rows.length, error: null };
      setRun(current);
      while (current.done < rows.length) {
        const slice = rows.slice(current.done, current.done + BATCH_SIZE);
        let answer: BatchResult;
        try {
          answer = await api.post<BatchResult>(`/crm/${resource}/batch`, {
            items: slice.map((r) => mappedItem(r.cells, mapping)),
          });
        } catch (error) {
          current = { ...current, state: 'stopped', error };
          setRun(current);
          break;
        }
        const next = { ...current, failed: [...current.failed] };
        slice.forEach((row, i) => {
          const result = answer.results[i];
          if (result?.status === 'created') next.created++;
          else if (result?.status === 'updated') next.updated++;
          else
            next.failed.push({ line: row.line, cells: row.cells, message: itemErrorMessage(result?.error) });
        });
        next.done += slice.length;
        current = next;
        if (cancelled.current && current.done < rows.length) {
          current = { ...current, state: 'cancelled' };
          setRun(current);
          break;
        }
        setRun(current);
      }
      if (current.state === 'running') {
        current = { ...current, state: 'done' };
        setRun(current);
      }
      void qc.invalidateQueries({ queryKey: ['crm'] });
    },
    [resource, rows, mapping, qc],
  );

  return {
    run,
    start: () => go({ ...idle, total: rows.length }),
    resume: () => go(run),
    cancel: () => {
      cancelled.current = true;
    },
    reset: () => setRun(idle),
  };
}
