// The read-only banner of the queues, in one place: why the user cannot reprocess, "Check again"
// (an administrator may have granted the permission since sign-in) and "Request permission".
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { InlineAlert } from '../components/inline-alert';
import { Spinner } from '../components/spinner';
import { useWriteAccess } from './session';

/** The sentence every read-only place uses. */
export const READ_ONLY_SENTENCE =
  'Reprocessing needs the permission EntitlementManagement.ReadWrite.All, which your sign-in does not have.';

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
          ? 'Permission to reprocess was not granted'
          : status === 'failed'
            ? 'The permission request could not start'
            : 'Read-only access'
      }
      actions={
        <>
          <Button
            disabled={write.checking}
            icon={write.checking ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
            onClick={() => void write.checkAgain()}
          >
            Check again
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
                Continue to Microsoft sign-in
              </Button>
              <Button appearance="subtle" onClick={() => setExplaining(false)}>
                Not now
              </Button>
            </>
          ) : (
            <Button onClick={() => setExplaining(true)}>Request permission to reprocess</Button>
          )}
        </>
      }
    >
      {explaining ? (
        <>
          Microsoft sign-in opens and asks for EntitlementManagement.ReadWrite.All. In most organisations an
          administrator has to consent to this permission first: if the sign-in page says approval is
          required, ask your Entra administrator to grant it, then choose Check again here.
        </>
      ) : status === 'not-granted' ? (
        <>
          Microsoft Entra ID did not grant EntitlementManagement.ReadWrite.All to your account: an
          administrator has to approve it for you. Nothing was changed, and you can keep working read-only.
          Once it is approved, choose Check again.
        </>
      ) : status === 'failed' ? (
        <>
          The Microsoft sign-in page could not be opened (
          {write.requestError instanceof Error ? write.requestError.message : 'unknown error'}). Try again in
          a moment.
        </>
      ) : write.checkFailed !== undefined ? (
        <>
          Microsoft Entra ID could not be asked (
          {write.checkFailed instanceof Error ? write.checkFailed.message : 'no answer'}). Check the
          connection and try again. {READ_ONLY_SENTENCE}
        </>
      ) : (
        <>
          You can see every failed request. {READ_ONLY_SENTENCE} If an administrator has granted it since you
          signed in, choose Check again.
        </>
      )}
    </InlineAlert>
  );
}
