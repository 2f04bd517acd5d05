import { makeStyles, tokens } from '@fluentui/react-components';
import { InlineAlert } from '../components/inline-alert';
import { t } from '../i18n/i18n';

const useStyles = makeStyles({ notice: { marginBottom: tokens.spacingVerticalM } });

/** Reprocessing writes each call to the record before sending it: without storage it cannot. */
export function StorageNotice({ reason }: { reason: string }) {
  const styles = useStyles();
  return (
    <div className={styles.notice}>
      <InlineAlert
        intent="warning"
        title={t({ id: 'app.storage.title', defaultMessage: 'Reprocessing needs the activity record' })}
      >
        {t(
          {
            id: 'app.storage.body',
            defaultMessage:
              '{reason} The queue, the details and the Entra audit log work as usual, but every reprocess is written to the record before it is sent, so none can be sent from this browser. Open the dashboard in a normal (not private) window, or allow this site to store data, then reload.',
          },
          { reason },
        )}
      </InlineAlert>
    </div>
  );
}
