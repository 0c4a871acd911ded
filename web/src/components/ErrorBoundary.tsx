import { Alert, Button, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/** Last-resort boundary: a rendering bug shows a message and a reload button, not a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack p="lg" maw={640}>
        <Alert color="red" title="This screen failed to render" role="alert">
          {this.state.error.message}
        </Alert>
        <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </Stack>
    );
  }
}
