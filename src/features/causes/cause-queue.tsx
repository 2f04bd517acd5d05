// The queue filtered to one cause (`?cause=` in the URL, set from the Causes page). Loaded only
// when a link names a cause: the first screen of the plain queue does not carry the grouping.
import { Button, Link } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useSession } from '../../auth/session';
import { InlineAlert } from '../../components/inline-alert';
import { useForcedColorsLinkStyles } from '../../components/link-styles';
import { navigate, useSearchParams } from '../../components/url-state';
import { t } from '../../i18n/i18n';
import { RequestQueue, type RequestQueueProps } from '../requests/components/request-queue';
import { causeKeyOf, groupByCause } from './causes';
import { causeTitle } from './hints';
import { useAuditReasons } from './use-audit-reasons';

export interface CauseQueueProps extends RequestQueueProps {
  causeKey: string;
}

export function CauseQueue({
  causeKey,
  items,
  notices,
  emptyText: _tenantEmptyText,
  ...queue
}: CauseQueueProps) {
  const { graph } = useSession();
  const linkStyles = useForcedColorsLinkStyles();
  const [, update] = useSearchParams();
  // Grouped as the Causes page groups them: with the audit log's reasons when the user may read it.
  const audit = useAuditReasons();
  const auditReasons = audit.reasons;
  const reading = audit.state === 'checking' || audit.state === 'loading';
  // The cause of each request as listed: a reprocessed one stays with its cause (and shows as
  // resolved there once delivered), as the Causes page counted it.
  const opts = useMemo(
    () => ({ apiVersion: graph.apiVersion, ...(auditReasons && { auditReasons }) }),
    [graph.apiVersion, auditReasons],
  );
  const inCause = useMemo(
    () => items.filter((r) => causeKeyOf(r, opts) === causeKey),
    [items, causeKey, opts],
  );
  const cause = useMemo(() => groupByCause(inCause, opts)[0], [inCause, opts]);
  const causesLink = `/causes?${new URLSearchParams({ cause: causeKey }).toString()}`;

  return (
    <RequestQueue
      {...queue}
      items={inCause}
      emptyText={
        reading
          ? t({
              id: 'causeQueue.emptyReading',
              defaultMessage: 'Reading failure reasons from Entra’s audit log…',
            })
          : t({
              id: 'causeQueue.empty',
              defaultMessage:
                'No failed request has this cause now: they were delivered, reprocessed or removed.',
            })
      }
      notices={
        <>
          {notices}
          <InlineAlert
            intent="info"
            title={
              cause
                ? t(
                    { id: 'causeQueue.title', defaultMessage: 'One cause: {cause}' },
                    { cause: causeTitle(cause) },
                  )
                : t({ id: 'causeQueue.titleEmpty', defaultMessage: 'One cause, with no failed requests now' })
            }
            actions={
              <Button
                onClick={() =>
                  update(
                    (p) => {
                      p.delete('cause');
                    },
                    { replace: false },
                  )
                }
              >
                {t({ id: 'causeQueue.showAll', defaultMessage: 'Show every failed request' })}
              </Button>
            }
          >
            {t(
              {
                id: 'causeQueue.body',
                defaultMessage:
                  '{count, plural, one {# failed request has this cause.} other {# failed requests have this cause.}}',
              },
              { count: inCause.length },
            )}{' '}
            {reading &&
              `${t({
                id: 'causeQueue.reading',
                defaultMessage: 'More may join as Entra’s audit log is read.',
              })} `}
            <Link
              className={linkStyles.link}
              href={causesLink}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigate(causesLink);
              }}
            >
              {t({ id: 'causeQueue.backToCauses', defaultMessage: 'What to do about it' })}
            </Link>
          </InlineAlert>
        </>
      }
    />
  );
}
