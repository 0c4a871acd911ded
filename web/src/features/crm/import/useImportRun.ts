import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { ApiError, api } from '../../../api/client';
import { type FailedRow, type ItemError, itemErrorMessage } from './errorReport';
import { type ColumnTarget, type ImportResource, mappedItem } from './fields';
import type { CsvRow } from './parseCsv';

/** The batch routes take at most 100 items. */
export const BATCH_SIZE = 100;

interface ItemResult {
  status: 'created' | 'updated' | 'error';
  error: ItemError | null;
}

/** 2 × 53 bits of a string (cyrb53 with two seeds), as hex: a stable key, not a secret. */
export function contentKey(text: string): string {
  const half = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return half(1) + half(2);
}

/**
 * One interaction (they have no batch route). Without an external id it gets one from its
 * content, so importing the file again finds it (`isDuplicate`, counted as updated)
 * instead of recording it twice. A refusal of the row itself (400, 404, 409, 422) is the
 * row's error; anything else (network, 401, 429, 5xx) stops the run.
 */
async function sendInteraction(item: Record<string, unknown>): Promise<ItemResult> {
  const body = { ...item };
  if (body.primaryId === undefined) body.primaryId = `csv:${contentKey(JSON.stringify(item))}`;
  try {
    const created = await api.post<{ isDuplicate?: boolean }>('/crm/interactions', body);
    return { status: created.isDuplicate ? 'updated' : 'created', error: null };
  } catch (err) {
    if (err instanceof ApiError && [400, 404, 409, 422].includes(err.status))
      return { status: 'error', error: { code: err.code, message: err.message, details: err.details } };
    throw err;
  }
}

/** Sends one slice of rows; throws when the server did not answer for the slice as a whole. */
async function send(resource: ImportResource, items: Record<string, unknown>[]): Promise<ItemResult[]> {
  if (resource === 'interactions') return [await sendInteraction(items[0] ?? {})];
  const answer = await api.post<{ results: ItemResult[] }>(`/crm/${resource}/batch`, { items });
  return answer.results;
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
 * other (interactions one by one to `POST /crm/interactions`). Cancel stops after the batch in flight; a batch that fails as a whole (network,
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
        const size = resource === 'interactions' ? 1 : BATCH_SIZE;
        const slice = rows.slice(current.done, current.done + size);
        let answer: ItemResult[];
        try {
          answer = await send(
            resource,
            slice.map((r) => mappedItem(r.cells, mapping)),
          );
        } catch (error) {
          current = { ...current, state: 'stopped', error };
          setRun(current);
          break;
        }
        const next = { ...current, failed: [...current.failed] };
        slice.forEach((row, i) => {
          const result = answer[i];
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
