import { ActionIcon, Alert, Box, Button, Code, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { CreatedKey } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { EyeIcon, EyeOffIcon, WarningIcon } from '../../components/icons';
import { apiBaseUrl } from '../auth/session';

/** `klipy_api_abcd1234••••••••` — the display prefix stays visible, the rest is hidden. */
export function maskKey(key: string, prefix?: string): string {
  const visible = prefix && key.startsWith(prefix) ? prefix : key.slice(0, 18);
  return `${visible}${'•'.repeat(Math.max(8, Math.min(24, key.length - visible.length)))}`;
}

/**
 * One-time display of a freshly created or rolled key: masked by default, an eye to
 * reveal, copy with "Copied" feedback, a warning, curl snippets for both headers and an
 * @klipy/sdk snippet.
 */
export function KeyReveal({ plaintext, prefix }: { plaintext: string; prefix?: string }) {
  const [shown, setShown] = useState(false);
  const display = shown ? plaintext : maskKey(plaintext, prefix);
  const base = apiBaseUrl();
  const snippets = {
    header: `curl ${base}/authenticate \\\n  -H "X-Klipy-Api-Key: ${plaintext}"`,
    bearer: `curl ${base}/authenticate \\\n  -H "Authorization: Bearer ${plaintext}"`,
    sdk: [
      '// npm install @klipy/sdk',
      "import { Klipy } from '@klipy/sdk';",
      '',
      `const klipy = new Klipy({ apiKey: '${plaintext}', baseUrl: '${base}' });`,
      'const { data, rateLimit } = await klipy.authenticate();',
      'console.log(data.organization.name, rateLimit?.remaining);',
    ].join('\n'),
  };
  const labels = {
    header: 'curl, X-Klipy-Api-Key header',
    bearer: 'curl, Authorization: Bearer header',
    sdk: 'TypeScript, @klipy/sdk',
  };
  const shownSnippet = (s: string) => (shown ? s : s.replace(plaintext, display));

  return (
    <Stack gap="md" data-testid="key-reveal">
      <Alert color="yellow" icon={<WarningIcon />} title="Copy this key now" data-testid="key-once-warning">
        This is the only time the full key is shown. Klipy stores only a hash of it: if you lose it, roll or
        create a new key. Store it in a secrets manager, never in source control.
      </Alert>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label="Your new API key"
          readOnly
          value={display}
          data-testid="revealed-key"
          data-masked={shown ? 'false' : 'true'}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          style={{ flex: '1 1 260px', minWidth: 0 }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Tooltip label={shown ? 'Hide key' : 'Reveal key'}>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={shown ? 'Hide key' : 'Reveal key'}
            aria-pressed={shown}
            onClick={() => setShown((s) => !s)}
            data-testid="reveal-key"
          >
            {shown ? <EyeOffIcon /> : <EyeIcon />}
          </ActionIcon>
        </Tooltip>
        <CopyButton value={plaintext} label="Copy key" size="sm" h={36} data-testid="copy-key" />
      </Group>
      <Box>
        <Text size="sm" fw={600} mb={4}>
          Try it
        </Text>
        <Stack gap="sm">
          {(['header', 'bearer', 'sdk'] as const).map((k) => (
            <div key={k}>
              <Group justify="space-between" mb={4} wrap="nowrap">
                <Text size="xs" c="dimmed" fw={600}>
                  {labels[k]}
                </Text>
                <CopyButton value={snippets[k]} label="Copy" data-testid={`copy-snippet-${k}`} />
              </Group>
              <Code
                block
                data-testid={`snippet-${k}`}
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {shownSnippet(snippets[k])}
              </Code>
            </div>
          ))}
        </Stack>
      </Box>
    </Stack>
  );
}

/** The dialog step after create or roll: the one-time reveal and the button that ends it. */
export function KeyRevealStep({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  return (
    <Stack>
      <KeyReveal plaintext={created.key} prefix={created.apiKey.prefix} />
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="reveal-done">
          I have copied the key
        </Button>
      </Group>
    </Stack>
  );
}
