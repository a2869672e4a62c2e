import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Container } from '@mantine/core';
import i18n from '../i18n/index.ts';

interface State {
  failed: boolean;
}

/** Last resort for a rendering fault: say so in the user's language and offer a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title={i18n.t('errors.crashTitle')} role="alert">
          {i18n.t('errors.crashText')}
          <Button mt="md" variant="light" color="red" onClick={() => window.location.reload()}>
            {i18n.t('common.reload')}
          </Button>
        </Alert>
      </Container>
    );
  }
}
