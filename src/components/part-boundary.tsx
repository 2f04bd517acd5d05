// An error boundary around one part of the dashboard (the layout, each page, the drawer): a part
// that throws while rendering says so in its own place, and the rest of the app keeps working.
import { Button } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { InlineAlert } from './inline-alert';

/** "Something went wrong in <part>", with Reload: what a part shows after it threw. */
export function PartFailed({ name, error }: { name: string; error: unknown }) {
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return (
    <InlineAlert
      intent="error"
      title={`Something went wrong in ${name}`}
      actions={<Button onClick={() => window.location.reload()}>Reload</Button>}
    >
      This part of the dashboard stopped{detail}. The rest of the page still works; reloading the page starts
      it again.
    </InlineAlert>
  );
}

interface PartBoundaryProps {
  /** What the part is, for the message: "the Activity page", "the request details". */
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
