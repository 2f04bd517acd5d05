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
import { stateLabel, type AssignmentRequest } from '../../model';
import { describeRequest, ineligibleReason, plural } from './bulk-eligibility';

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
      line = { name: r.accessPackage?.displayName ?? 'Unknown access package', count: 0, states: new Map() };
      byPackage.set(key, line);
    }
    line.count++;
    const state = stateLabel(r.stateRaw);
    line.states.set(state, (line.states.get(state) ?? 0) + 1);
  }
  return [...byPackage.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
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
  now: Date;
  onConfirm: (items: readonly AssignmentRequest[]) => void;
  onDismiss: () => void;
}

/** Confirms a bulk run: how many, and which of them Graph will most likely refuse. */
export function BulkConfirmDialog({ open, requests, now, onConfirm, onDismiss }: BulkConfirmDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onDismiss()}>
      {/* The surface unmounts when the dialog closes, so the checkbox starts checked each time. */}
      <ConfirmSurface requests={requests} now={now} onConfirm={onConfirm} onDismiss={onDismiss} />
    </Dialog>
  );
}

function ConfirmSurface({ requests, now, onConfirm, onDismiss }: Omit<BulkConfirmDialogProps, 'open'>) {
  const styles = useStyles();
  const [leaveOut, setLeaveOut] = useState(true);
  const ineligible = useMemo(
    () =>
      requests.flatMap((r) => {
        const reason = ineligibleReason(r, now);
        return reason === undefined ? [] : [{ request: r, reason }];
      }),
    [requests, now],
  );
  const toSend = useMemo(() => {
    if (!leaveOut) return requests;
    const left = new Set(ineligible.map((i) => i.request.id));
    return requests.filter((r) => !left.has(r.id));
  }, [leaveOut, requests, ineligible]);
  const looks = ineligible.length === 1 ? 'looks' : 'look';
  const n = toSend.length;
  const lines = useMemo(() => summarizeByPackage(toSend), [toSend]);
  const rest = lines.slice(PACKAGES_LISTED).reduce((sum, l) => sum + l.count, 0);

  return (
    <DialogSurface aria-describedby="bulk-confirm-intro">
      <DialogBody>
        <DialogTitle>Reprocess {plural(requests.length, 'selected request')}?</DialogTitle>
        <DialogContent className={styles.content}>
          <Text id="bulk-confirm-intro">
            Each request is sent to Microsoft Graph for reprocessing, up to 20 in one call. Accepted means
            entitlement management will retry the delivery; the rows update as their states change.
          </Text>
          {n > 0 && (
            <ul className={styles.summary} aria-label="What will be sent">
              {lines.slice(0, PACKAGES_LISTED).map((line) => (
                <li key={line.name}>
                  <Text weight="semibold">{line.name}</Text>: {line.count}{' '}
                  <span className={styles.reason}>
                    ({[...line.states].map(([state, count]) => `${state} ${count}`).join(', ')})
                  </span>
                </li>
              ))}
              {rest > 0 && (
                <li>
                  {plural(lines.length - PACKAGES_LISTED, 'other access package')}: {rest}
                </li>
              )}
            </ul>
          )}
          {ineligible.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {plural(ineligible.length, 'request')} {looks} ineligible
                </MessageBarTitle>
                Graph reprocesses only requests in Delivery failed or Partially delivered state, within 14
                days of completion; it will most likely refuse these.
              </MessageBarBody>
            </MessageBar>
          )}
          {ineligible.length > 0 && (
            <ul className={styles.list} aria-label="Requests that look ineligible">
              {ineligible.slice(0, LISTED).map(({ request, reason }) => (
                <li key={request.id}>
                  <Text weight="semibold">{describeRequest(request)}</Text>
                  <div className={styles.reason}>
                    {reason} · <span className={styles.id}>{request.id}</span>
                  </div>
                </li>
              ))}
              {ineligible.length > LISTED && <li>and {ineligible.length - LISTED} more</li>}
            </ul>
          )}
          {ineligible.length > 0 && (
            <Checkbox
              checked={leaveOut}
              onChange={(_, data) => setLeaveOut(data.checked === true)}
              label={`Leave out ${plural(ineligible.length, 'request')} that ${looks} ineligible`}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button className={styles.action} appearance="secondary" onClick={onDismiss}>
            Cancel
          </Button>
          <Button
            className={styles.action}
            appearance="primary"
            disabled={n === 0}
            onClick={() => onConfirm(toSend)}
          >
            Reprocess {plural(n, 'request')}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
