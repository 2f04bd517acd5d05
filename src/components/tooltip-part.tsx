// Fluent's Tooltip (and the positioning engine under it), in its own chunk: see deferred-tooltip.
import { Tooltip } from '@fluentui/react-components';
import type { ReactElement } from 'react';

export function DescriptionTooltip({ content, children }: { content: string; children: ReactElement }) {
  return (
    <Tooltip content={content} relationship="description">
      {children}
    </Tooltip>
  );
}
