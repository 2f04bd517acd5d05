// The calm message for an error nothing else on the page explained (see error-reporter.ts).
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { dismissProblem, useReportedProblem } from './error-reporter';
import { t } from '../i18n/i18n';
import { InlineAlert } from './inline-alert';

const useStyles = makeStyles({
  root: {
    position: 'fixed',
    insetInlineStart: tokens.spacingHorizontalL,
    bottom: tokens.spacingVerticalL,
    maxWidth: '560px',
    zIndex: 1000,
    boxShadow: tokens.shadow16,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export function ProblemNotice() {
  const styles = useStyles();
  const problem = useReportedProblem();
  if (!problem) return null;
  return (
    <div className={styles.root}>
      <InlineAlert
        intent="warning"
        title={t({ id: 'app.problem.title', defaultMessage: 'Something did not work as expected' })}
        actions={
          <>
            <Button onClick={() => window.location.reload()}>
              {t({ id: 'common.reload', defaultMessage: 'Reload' })}
            </Button>
            <Button appearance="subtle" onClick={dismissProblem}>
              {t({ id: 'common.dismiss', defaultMessage: 'Dismiss' })}
            </Button>
          </>
        }
      >
        {t(
          {
            id: 'app.problem.body',
            defaultMessage:
              'The dashboard keeps working; if something looks wrong, reload the page ({message}{more, plural, =0 {} other {, and # more}}).',
          },
          { message: problem.message, more: problem.count - 1 },
        )}
      </InlineAlert>
    </div>
  );
}
