import { Button, type ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { copyText } from './clipboard';
import { CheckIcon, CopyIcon } from './icons';

interface Props extends Omit<ButtonProps, 'children'> {
  value: string;
  /** Visible text, also the accessible name ("Copy" by default). */
  label?: string;
  'data-testid'?: string;
}

/** A copy button that says "Copied" for two seconds after a successful copy. */
export function CopyButton({ value, label = 'Copy', ...rest }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <Button
      variant="light"
      size="xs"
      color={state === 'copied' ? 'teal' : state === 'failed' ? 'red' : undefined}
      leftSection={state === 'copied' ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
      onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}
      aria-live="polite"
      {...rest}
    >
      {text}
    </Button>
  );
}
