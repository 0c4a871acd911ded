import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** Centered card used by the signed-out screens. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Klipy`;
  }, [title]);
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Box w="100%" maw={440}>
        <Text fw={800} size="xl" ta="center" mb="md" c="indigo.7">
          Klipy
        </Text>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="xs" mb="md">
            <Title order={1} size="h3">
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          <Anchor href="/docs" size="xs">
            API reference
          </Anchor>
        </Text>
      </Box>
    </Center>
  );
}
