import { type RefObject, useEffect } from 'react';

const INVALID = '[aria-invalid="true"], [data-invalid="true"] input, input[data-invalid="true"]';

/**
 * After a failed submit, moves focus to the first invalid field of the form (scrolled to
 * the middle of the view, so a tall dialog never hides it); with no invalid field, to
 * the form's alert. `signal` is anything that changes on each failure: the mutation's
 * error, or a submit counter for client-side checks.
 */
export function useFocusFirstInvalid(
  ref: RefObject<HTMLElement | null>,
  signal: unknown,
  { fallbackToAlert = true }: { fallbackToAlert?: boolean } = {},
): void {
  useEffect(() => {
    if (!signal) return;
    const frame = requestAnimationFrame(() => {
      const root = ref.current;
      if (!root) return;
      let target = root.querySelector<HTMLElement>(INVALID);
      if (!target && fallbackToAlert) {
        target = root.querySelector<HTMLElement>('[role="alert"]');
        if (target && !target.hasAttribute('tabindex')) target.tabIndex = -1;
      }
      if (!target) return;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, [ref, signal, fallbackToAlert]);
}
