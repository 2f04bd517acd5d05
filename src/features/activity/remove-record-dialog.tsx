// "Remove this browser's record": for shared desks, where the next person should not find the
// previous one's actions. A copy can be exported first; removing asks for confirmation.
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useNotify } from '../../components/notify';
import { useRemoveActivityRecord } from '../../record/activity-record-provider';
import { t } from '../../i18n/i18n';

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalM },
  exports: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function RemoveRecordDialog({
  entryCount,
  upn,
  onExport,
}: {
  /** How many actions the record holds now (undefined while unknown). */
  entryCount: number | undefined;
  upn: string;
  /** Downloads the whole record; false when it could not be read or the browser refused the download. */
  onExport: (format: 'csv' | 'json') => Promise<boolean>;
}) {
  const styles = useStyles();
  const removeRecord = useRemoveActivityRecord();
  const { notify } = useNotify();
  const [open, setOpen] = useState(false);
  const [exported, setExported] = useState(false);
  const [withoutCopy, setWithoutCopy] = useState(false);
  const [removing, setRemoving] = useState(false);

  const exportAs = async (format: 'csv' | 'json') => {
    if (await onExport(format)) setExported(true);
  };
  const remove = async () => {
    setRemoving(true);
    try {
      await removeRecord();
      setOpen(false);
      notify({
        intent: 'success',
        title: t({
          id: 'activity.remove.done',
          defaultMessage: 'This browser’s activity record was removed',
        }),
        body: t({
          id: 'activity.remove.doneBody',
          defaultMessage: 'Actions you send from now on start a new record.',
        }),
      });
    } catch (error) {
      notify({
        intent: 'error',
        title: t({
          id: 'activity.remove.failed',
          defaultMessage: 'The activity record could not be removed',
        }),
        body: t(
          {
            id: 'activity.remove.failedBody',
            defaultMessage: '{error} Close other tabs of this dashboard and try again.',
          },
          { error: error instanceof Error ? error.message : String(error) },
        ),
      });
    } finally {
      setRemoving(false);
    }
  };

  const warning =
    entryCount === undefined
      ? t(
          {
            id: 'activity.remove.body',
            defaultMessage:
              'This deletes the actions recorded in this browser for {upn}. It cannot be undone: export a copy first if you, or an audit, may need it.',
          },
          { upn },
        )
      : t(
          {
            id: 'activity.remove.bodyCount',
            defaultMessage:
              'This deletes the {count, plural, one {# action} other {# actions}} recorded in this browser for {upn}. It cannot be undone: export a copy first if you, or an audit, may need it.',
          },
          { count: entryCount, upn },
        );
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) {
          setExported(false);
          setWithoutCopy(false);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<DeleteRegular />}>
          {t({ id: 'activity.remove.open', defaultMessage: 'Remove this browser’s record' })}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {t({ id: 'activity.remove.title', defaultMessage: 'Remove this browser’s activity record?' })}
          </DialogTitle>
          <DialogContent className={styles.body}>
            <Text>{warning}</Text>
            <div className={styles.exports}>
              <Button onClick={() => void exportAs('json')}>
                {t({ id: 'activity.remove.exportJson', defaultMessage: 'Export JSON' })}
              </Button>
              <Button onClick={() => void exportAs('csv')}>
                {t({ id: 'activity.remove.exportCsv', defaultMessage: 'Export CSV' })}
              </Button>
            </div>
            {exported ? (
              <Text role="status">
                {t({ id: 'activity.remove.exported', defaultMessage: 'A copy was exported.' })}
              </Text>
            ) : (
              <Checkbox
                checked={withoutCopy}
                onChange={(_, data) => setWithoutCopy(data.checked === true)}
                label={t({
                  id: 'activity.remove.withoutCopy',
                  defaultMessage: 'Remove it without keeping a copy',
                })}
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={removing || !(exported || withoutCopy)}
              onClick={() => void remove()}
            >
              {t({ id: 'activity.remove.confirm', defaultMessage: 'Remove the record' })}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t({ id: 'common.cancel', defaultMessage: 'Cancel' })}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
