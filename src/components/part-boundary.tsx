// An error boundary around one part of the dashboard (the layout, each page, the drawer): a part
// that throws while rendering says so in its own place, and the rest of the app keeps working.
import { Button } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { t } from '../i18n/i18n';
import { InlineAlert } from './inline-alert';

/** "Something went wrong in <part>", with Reload: what a part shows after it threw. */
export function PartFailed({ name, error }: { name: string; error: unknown }) {
  const detail = error instanceof Error && error.message ? error.message : undefined;
  return (
    <InlineAlert
      intent="error"
      title={t({ id: 'app.partFailed.title', defaultMessage: 'Something went wrong in {name}' }, { name })}
      actions={
        <Button onClick={() => window.location.reload()}>
          {t({ id: 'common.reload', defaultMessage: 'Reload' })}
        </Button>
      }
    >
      {detail === undefined
        ? t({
            id: 'app.partFailed.body',
            defaultMessage:
              'This part of the dashboard stopped. The rest of the page still works; reloading the page starts it again.',
          })
        : t(
            {
              id: 'app.partFailed.bodyWithError',
              defaultMessage:
                'This part of the dashboard stopped ({error}). The rest of the page still works; reloading the page starts it again.',
            },
            { error: detail },
          )}
    </InlineAlert>
  );
}

interface PartBoundaryProps {
  /**
   * What the part is, for the message, in the language in use: "the Activity page", "the request
   * details" (pt-BR: "a página Atividade", with its article).
   */
  name: string;
  children: ReactNode;
}

export class PartBoundary extends Component<PartBoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render() {
    if (this.state.error !== undefined) return <PartFailed name={this.props.name} error={this.state.error} />;
    return this.props.children;
  }
}
