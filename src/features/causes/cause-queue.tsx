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
  // The cause of each request as listed: a reprocessed one stays with its cause (and shows as
  // resolved there once delivered), as the Causes page counted it.
  const inCause = useMemo(() => {
    const opts = { apiVersion: graph.apiVersion };
    return items.filter((r) => causeKeyOf(r, opts) === causeKey);
  }, [items, causeKey, graph.apiVersion]);
  const cause = useMemo(
    () => groupByCause(inCause, { apiVersion: graph.apiVersion })[0],
    [inCause, graph.apiVersion],
  );
  const causesLink = `/causes?${new URLSearchParams({ cause: causeKey }).toString()}`;

  return (
    <RequestQueue
      {...queue}
      items={inCause}
      emptyText={t({
        id: 'causeQueue.empty',
        defaultMessage: 'No failed request has this cause now: they were delivered, reprocessed or removed.',
      })}
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
