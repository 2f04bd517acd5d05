import { Button } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { DeferredTooltip } from './deferred-tooltip';

/** Copies a value to the clipboard; says so for a moment. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <DeferredTooltip content={copied ? t({ id: 'common.copied', defaultMessage: 'Copied' }) : label}>
      <Button
        size="small"
        appearance="subtle"
        aria-label={label}
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      />
    </DeferredTooltip>
  );
}
