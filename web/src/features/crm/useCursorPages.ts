import { useState } from 'react';

/**
 * Cursor pagination state. The API only gives a next cursor, so keep the cursors
 * already visited to offer "Previous page". A cursor is bound to its filter (the
 * server rejects it with another one), so a new `filterKey` restarts at page 1 in
 * the same render, never sending an old cursor with a new filter.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({
    key: filterKey,
    stack: [null],
  });
  const stack = state.key === filterKey ? state.stack : [null];
  if (state.key !== filterKey) setState({ key: filterKey, stack: [null] });
  const cursor = stack[stack.length - 1] ?? null;
  return {
    cursor,
    page: stack.length,
    next: (c: string | null) => {
      if (c) setState((s) => ({ key: filterKey, stack: [...(s.key === filterKey ? s.stack : [null]), c] }));
    },
    prev: () =>
      setState((s) => ({ key: filterKey, stack: s.stack.length > 1 ? s.stack.slice(0, -1) : s.stack })),
  };
}
