// A description tooltip that the first screen does not wait for: the element shows at once, and
// gains its tooltip when the tooltip code has loaded, right after the first screen.
import type { ReactElement } from 'react';
import { t } from '../i18n/i18n';
import { useFirstScreenShown } from './first-screen';
import { LazyPart, lazyNamed } from './lazy-part';

const DescriptionTooltip = lazyNamed(() => import('./tooltip-part'), 'DescriptionTooltip');

export function DeferredTooltip({ content, children }: { content: string; children: ReactElement }) {
  const shown = useFirstScreenShown();
  if (!shown) return children;
  return (
    <LazyPart
      name={t({ id: 'app.part.tooltip', defaultMessage: 'a tooltip' })}
      fallback={children}
      quietFallback={children}
    >
      <DescriptionTooltip content={content}>{children}</DescriptionTooltip>
    </LazyPart>
  );
}
