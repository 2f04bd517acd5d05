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
import { format, t } from '../../i18n/i18n';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM },
});

/** A whole number as typed: spaces, underscores, apostrophes and the language's digit grouping ("50,000", "50.000") are allowed. */
function parseWhole(text: string): number | undefined {
  const group = format.number(1000).replace(/\d/g, '');
  const cleaned = [...text.replace(/[\s_']/g, '')].filter((c) => c !== group).join('');
  if (!/^\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

function rangeError(value: number | undefined, limits: { min: number; max: number }): string | undefined {
  if (value === undefined) return t({ id: 'retention.error.whole', defaultMessage: 'Enter a whole number.' });
  if (value < limits.min || value > limits.max)
    return t(
      { id: 'retention.error.range', defaultMessage: 'Enter a number from {min, number} to {max, number}.' },
      { min: limits.min, max: limits.max },
    );
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
      notify({
        intent: 'success',
        title: t({ id: 'retention.saved', defaultMessage: 'Retention updated' }),
        body: describeRetention(saved),
      });
    } catch (error) {
      notify({
        intent: 'error',
        title: t({ id: 'retention.saveFailed', defaultMessage: 'The retention setting could not be saved' }),
        body:
          error instanceof Error && error.message
            ? t(
                {
                  id: 'retention.saveFailedBodyDetail',
                  defaultMessage:
                    'The browser refused to store it ({detail}). The previous setting still applies.',
                },
                { detail: error.message },
              )
            : t({
                id: 'retention.saveFailedBody',
                defaultMessage: 'The browser refused to store it. The previous setting still applies.',
              }),
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
        <Button size="small">{t({ id: 'retention.open', defaultMessage: 'Change retention' })}</Button>
      </DialogTrigger>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{t({ id: 'retention.title', defaultMessage: 'Activity retention' })}</DialogTitle>
            <DialogContent className={styles.form}>
              {t({
                id: 'retention.body',
                defaultMessage:
                  'The record keeps your newest actions up to both limits; when either is reached, the oldest entries are removed first. This applies to this browser only.',
              })}
              <Field
                label={t({ id: 'retention.maxEntries', defaultMessage: 'Keep at most this many actions' })}
                validationMessage={submitted ? entriesError : undefined}
                validationState={submitted && entriesError ? 'error' : 'none'}
              >
                <Input inputMode="numeric" value={entriesText} onChange={(_, d) => setEntriesText(d.value)} />
              </Field>
              <Field
                label={t({
                  id: 'retention.maxDays',
                  defaultMessage: 'Keep actions for at most this many days',
                })}
                validationMessage={submitted ? daysError : undefined}
                validationState={submitted && daysError ? 'error' : 'none'}
              >
                <Input inputMode="numeric" value={daysText} onChange={(_, d) => setDaysText(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t({ id: 'common.cancel', defaultMessage: 'Cancel' })}</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit">
                {t({ id: 'common.save', defaultMessage: 'Save' })}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
