import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { format, t } from '../../../../i18n/i18n';
import { tRich, useLocale } from '../../../../i18n/react';
import { stateLabel, type AssignmentRequest } from '../../model';
import { describeRequest, ineligibleReason } from './bulk-eligibility';

/** More than this many ineligible rows are summed up rather than listed. */
const LISTED = 50;
/** Access packages listed one by one in the summary; the rest are counted together. */
const PACKAGES_LISTED = 8;

interface PackageLine {
  name: string;
  count: number;
  /** State label → how many, in a stable order. */
  states: Map<string, number>;
}

/** What will be sent, by access package (most first) and state. */
export function summarizeByPackage(requests: readonly AssignmentRequest[]): PackageLine[] {
  const byPackage = new Map<string, PackageLine>();
  for (const r of requests) {
    const key = r.accessPackage?.id ?? '';
    let line = byPackage.get(key);
    if (!line) {
      line = {
        name:
          r.accessPackage?.displayName ??
          t({ id: 'bulk.unknownPackage', defaultMessage: 'Unknown access package' }),
        count: 0,
        states: new Map(),
      };
      byPackage.set(key, line);
    }
    line.count++;
    const state = stateLabel(r.stateRaw);
    line.states.set(state, (line.states.get(state) ?? 0) + 1);
  }
  return [...byPackage.values()].sort((a, b) => b.count - a.count || format.compare(a.name, b.name));
}

const useStyles = makeStyles({
  content: { display: 'grid', gap: tokens.spacingVerticalM },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    maxHeight: '220px',
    overflowY: 'auto',
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
  },
  reason: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  summary: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
  },
  action: { whiteSpace: 'nowrap' },
  id: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

export interface BulkConfirmDialogProps {
  open: boolean;
  requests: readonly AssignmentRequest[];
  /** Instead of "Reprocess N selected requests?". */
  title?: string;
  now: Date;
  onConfirm: (items: readonly AssignmentRequest[]) => void;
  onDismiss: () => void;
}

/** Confirms a bulk run: how many, and which of them Graph will most likely refuse. */
export function BulkConfirmDialog({
  open,
  requests,
  title,
  now,
  onConfirm,
  onDismiss,
}: BulkConfirmDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onDismiss()}>
      {/* The surface unmounts when the dialog closes, so the checkbox starts checked each time. */}
      <ConfirmSurface
        requests={requests}
        {...(title !== undefined && { title })}
        now={now}
        onConfirm={onConfirm}
        onDismiss={onDismiss}
      />
    </Dialog>
  );
}

function ConfirmSurface({
  requests,
  title,
  now,
  onConfirm,
  onDismiss,
}: Omit<BulkConfirmDialogProps, 'open'>) {
  const styles = useStyles();
  const locale = useLocale();
  const [leaveOut, setLeaveOut] = useState(true);
  const ineligible = useMemo(
    () =>
      requests.flatMap((r) => {
        const reason = ineligibleReason(r, now);
        return reason === undefined ? [] : [{ request: r, reason }];
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the reasons' words depend on `locale`
    [requests, now, locale],
  );
  const toSend = useMemo(() => {
    if (!leaveOut) return requests;
    const left = new Set(ineligible.map((i) => i.request.id));
    return requests.filter((r) => !left.has(r.id));
  }, [leaveOut, requests, ineligible]);
  const n = toSend.length;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the state words depend on `locale`
  const lines = useMemo(() => summarizeByPackage(toSend), [toSend, locale]);
  const rest = lines.slice(PACKAGES_LISTED).reduce((sum, l) => sum + l.count, 0);

  return (
    <DialogSurface aria-describedby="bulk-confirm-intro">
      <DialogBody>
        <DialogTitle>
          {title ??
            t(
              {
                id: 'bulk.confirm.title',
                defaultMessage:
                  '{count, plural, one {Reprocess {count, number} selected request?} other {Reprocess {count, number} selected requests?}}',
              },
              { count: requests.length },
            )}
        </DialogTitle>
        <DialogContent className={styles.content}>
          <Text id="bulk-confirm-intro">
            {t({
              id: 'bulk.confirm.intro',
              defaultMessage:
                'Each request is sent to Microsoft Graph for reprocessing, up to 20 in one call. Accepted means entitlement management will retry the delivery; the rows update as their states change.',
            })}
          </Text>
          {n > 0 && (
            <ul
              className={styles.summary}
              aria-label={t({ id: 'bulk.confirm.summaryLabel', defaultMessage: 'What will be sent' })}
            >
              {lines.slice(0, PACKAGES_LISTED).map((line) => (
                <li key={line.name}>
                  {tRich(
                    {
                      id: 'bulk.confirm.packageLine',
                      defaultMessage: '<b>{name}</b>: {count, number} <muted>({states})</muted>',
                    },
                    {
                      name: line.name,
                      count: line.count,
                      states: [...line.states]
                        .map(([state, count]) =>
                          t(
                            {
                              id: 'bulk.confirm.stateCount',
                              defaultMessage: '{state} {count, number}',
                            },
                            { state, count },
                          ),
                        )
                        .join(', '),
                      b: (chunks) => <Text weight="semibold">{chunks}</Text>,
                      muted: (chunks) => <span className={styles.reason}>{chunks}</span>,
                    },
                  )}
                </li>
              ))}
              {rest > 0 && (
                <li>
                  {t(
                    {
                      id: 'bulk.confirm.otherPackages',
                      defaultMessage:
                        '{count, plural, one {{count, number} other access package: {requests, number}} other {{count, number} other access packages: {requests, number}}}',
                    },
                    { count: lines.length - PACKAGES_LISTED, requests: rest },
                  )}
                </li>
              )}
            </ul>
          )}
          {ineligible.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {t(
                    {
                      id: 'bulk.confirm.ineligible.title',
                      defaultMessage:
                        '{count, plural, one {{count, number} request looks ineligible} other {{count, number} requests look ineligible}}',
                    },
                    { count: ineligible.length },
                  )}
                </MessageBarTitle>
                {t({
                  id: 'bulk.confirm.ineligible.body',
                  defaultMessage:
                    'Graph reprocesses only requests in Delivery failed or Partially delivered state, within 14 days of completion; it will most likely refuse these.',
                })}
              </MessageBarBody>
            </MessageBar>
          )}
          {ineligible.length > 0 && (
            <ul
              className={styles.list}
              aria-label={t({
                id: 'bulk.confirm.ineligible.label',
                defaultMessage: 'Requests that look ineligible',
              })}
            >
              {ineligible.slice(0, LISTED).map(({ request, reason }) => (
                <li key={request.id}>
                  <Text weight="semibold">{describeRequest(request)}</Text>
                  <div className={styles.reason}>
                    {reason} · <span className={styles.id}>{request.id}</span>
                  </div>
                </li>
              ))}
              {ineligible.length > LISTED && (
                <li>
                  {t(
                    { id: 'bulk.confirm.andMore', defaultMessage: 'and {count, number} more' },
                    { count: ineligible.length - LISTED },
                  )}
                </li>
              )}
            </ul>
          )}
          {ineligible.length > 0 && (
            <Checkbox
              checked={leaveOut}
              onChange={(_, data) => setLeaveOut(data.checked === true)}
              label={t(
                {
                  id: 'bulk.confirm.leaveOut',
                  defaultMessage:
                    '{count, plural, one {Leave out {count, number} request that looks ineligible} other {Leave out {count, number} requests that look ineligible}}',
                },
                { count: ineligible.length },
              )}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button className={styles.action} appearance="secondary" onClick={onDismiss}>
            {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
          </Button>
          <Button
            className={styles.action}
            appearance="primary"
            disabled={n === 0}
            onClick={() => onConfirm(toSend)}
          >
            {t(
              {
                id: 'bulk.confirm.submit',
                defaultMessage:
                  '{count, plural, one {Reprocess {count, number} request} other {Reprocess {count, number} requests}}',
              },
              { count: n },
            )}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
