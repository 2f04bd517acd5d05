// The read-only banner of the queues, in one place: why the user cannot reprocess, "Check again"
// (an administrator may have granted the permission since sign-in) and "Request permission".
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { InlineAlert } from '../components/inline-alert';
import { Spinner } from '../components/spinner';
import { t } from '../i18n/i18n';
import { useWriteAccess } from './session';

/** The sentence every read-only place uses (in the language in use when it is called). */
export function readOnlySentence(): string {
  return t({
    id: 'readOnly.sentence',
    defaultMessage:
      'Reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.',
  });
}

/** Nothing while the permission is unknown or granted. */
export function ReadOnlyNotice() {
  const write = useWriteAccess();
  // "Request permission" first says what will happen: it opens Microsoft's sign-in, where an
  // administrator's approval may be needed.
  const [explaining, setExplaining] = useState(false);
  if (write.canWrite !== false) return null;
  const { status } = write;
  return (
    <InlineAlert
      intent={status ? 'warning' : 'info'}
      title={
        status === 'not-granted'
          ? t({ id: 'readOnly.notGranted.title', defaultMessage: 'Permission to reprocess was not granted' })
          : status === 'failed'
            ? t({ id: 'readOnly.failed.title', defaultMessage: 'The permission request could not start' })
            : t({ id: 'readOnly.title', defaultMessage: 'Read-only access' })
      }
      actions={
        <>
          <Button
            disabled={write.checking}
            icon={write.checking ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
            onClick={() => void write.checkAgain()}
          >
            {t({ id: 'readOnly.checkAgain', defaultMessage: 'Check again' })}
          </Button>
          {explaining ? (
            <>
              <Button
                appearance="primary"
                onClick={() => {
                  setExplaining(false);
                  void write.request();
                }}
              >
                {t({ id: 'readOnly.continue', defaultMessage: 'Continue to Microsoft sign-in' })}
              </Button>
              <Button appearance="subtle" onClick={() => setExplaining(false)}>
                {t({ id: 'readOnly.notNow', defaultMessage: 'Not now' })}
              </Button>
            </>
          ) : (
            <Button onClick={() => setExplaining(true)}>
              {t({ id: 'readOnly.request', defaultMessage: 'Request permission to reprocess' })}
            </Button>
          )}
        </>
      }
    >
      {explaining
        ? t({
            id: 'readOnly.explain',
            defaultMessage:
              'Microsoft sign-in opens and asks for EntitlementManagement.ReadWrite.All. In most organisations an administrator has to consent to this permission first: if the sign-in page says approval is required, ask your Entra administrator to grant it, then choose Check again here.',
          })
        : status === 'not-granted'
          ? t({
              id: 'readOnly.notGranted',
              defaultMessage:
                'Microsoft Entra ID did not grant EntitlementManagement.ReadWrite.All to your account: an administrator has to approve it for you. Nothing was changed, and you can keep working read-only. Once it is approved, choose Check again.',
            })
          : status === 'failed'
            ? t(
                {
                  id: 'readOnly.failed',
                  defaultMessage:
                    'The Microsoft sign-in page could not be opened ({error}). Try again in a moment.',
                },
                {
                  error:
                    write.requestError instanceof Error
                      ? write.requestError.message
                      : t({ id: 'readOnly.failed.unknown', defaultMessage: 'unknown error' }),
                },
              )
            : write.checkFailed !== undefined
              ? t(
                  {
                    id: 'readOnly.checkFailed',
                    defaultMessage:
                      'Microsoft Entra ID could not be asked ({error}). Check the connection and try again. {sentence}',
                  },
                  {
                    error:
                      write.checkFailed instanceof Error
                        ? write.checkFailed.message
                        : t({ id: 'readOnly.checkFailed.noAnswer', defaultMessage: 'no answer' }),
                    sentence: readOnlySentence(),
                  },
                )
              : t(
                  {
                    id: 'readOnly.body',
                    defaultMessage:
                      'You can see every failed request. {sentence} If an administrator has granted it since you signed in, choose Check again.',
                  },
                  { sentence: readOnlySentence() },
                )}
    </InlineAlert>
  );
}
