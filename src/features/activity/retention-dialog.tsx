import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useNotify } from '../../components/notify';
import type { RetentionSettings } from '../../record/activity-record';
import { RETENTION_LIMITS, describeRetention } from '../../record/retention';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM },
});

const numberFormat = new Intl.NumberFormat('en-US');

function parseWhole(text: string): number | undefined {
  const cleaned = text.replace(/[\s,_']/g, '');
  if (!/^\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

function rangeError(value: number | undefined, limits: { min: number; max: number }): string | undefined {
  if (value === undefined) return 'Enter a whole number.';
  if (value < limits.min || value > limits.max)
    return `Enter a number from ${numberFormat.format(limits.min)} to ${numberFormat.format(limits.max)}.`;
  return undefined;
}

/** Changes how much of the record this browser keeps for the signed-in user. */
export function RetentionDialog({
  retention,
  onSave,
}: {
  retention: RetentionSettings;
  onSave: (settings: RetentionSettings) => RetentionSettings;
}) {
  const styles = useStyles();
  const { notify } = useNotify();
  const [open, setOpen] = useState(false);
  const [entriesText, setEntriesText] = useState(String(retention.maxEntries));
  const [daysText, setDaysText] = useState(String(retention.maxDays));
  const [submitted, setSubmitted] = useState(false);

  const maxEntries = parseWhole(entriesText);
  const maxDays = parseWhole(daysText);
  const entriesError = rangeError(maxEntries, RETENTION_LIMITS.maxEntries);
  const daysError = rangeError(maxDays, RETENTION_LIMITS.maxDays);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (entriesError || daysError || maxEntries === undefined || maxDays === undefined) return;
    try {
      const saved = onSave({ maxEntries, maxDays });
      setOpen(false);
      notify({ intent: 'success', title: 'Retention updated', body: describeRetention(saved) });
    } catch (error) {
      notify({
        intent: 'error',
        title: 'The retention setting could not be saved',
        body: `The browser refused to store it${error instanceof Error && error.message ? ` (${error.message})` : ''}. The previous setting still applies.`,
      });
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) {
          setEntriesText(String(retention.maxEntries));
          setDaysText(String(retention.maxDays));
          setSubmitted(false);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">Change retention</Button>
      </DialogTrigger>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>Activity retention</DialogTitle>
            <DialogContent className={styles.form}>
              The record keeps your newest actions up to both limits; when either is reached, the oldest
              entries are removed first. This applies to this browser only.
              <Field
                label="Keep at most this many actions"
                validationMessage={submitted ? entriesError : undefined}
                validationState={submitted && entriesError ? 'error' : 'none'}
              >
                <Input inputMode="numeric" value={entriesText} onChange={(_, d) => setEntriesText(d.value)} />
              </Field>
              <Field
                label="Keep actions for at most this many days"
                validationMessage={submitted ? daysError : undefined}
                validationState={submitted && daysError ? 'error' : 'none'}
              >
                <Input inputMode="numeric" value={daysText} onChange={(_, d) => setDaysText(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit">
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
