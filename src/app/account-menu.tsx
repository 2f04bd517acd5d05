// The account menu (switch account, sign out). Loaded after the first screen: until then the
// header shows the same button, and a click on it opens the menu as soon as it has loaded.
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Menu,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuDivider,
  Text,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useAccountActions } from '../auth/session';
import { useNotify } from '../components/notify';
import { useRemoveActivityRecord } from '../record/activity-record-provider';
import { LOCALE_NAMES, LOCALES, chooseLocale, isLocale, t, useLocale } from '../i18n/i18n';

export interface AccountMenuProps {
  /** The button's accessible name. */
  label: string;
  children: ReactNode;
  className?: string;
  /** Open on mount: the user clicked the button before the menu had loaded. */
  initiallyOpen?: boolean;
}

export function AccountMenu({ label, children, className, initiallyOpen = false }: AccountMenuProps) {
  const { signOut, switchAccount } = useAccountActions();
  const [open, setOpen] = useState(initiallyOpen);
  const [signingOut, setSigningOut] = useState(false);
  const locale = useLocale();
  const { notify } = useNotify();
  const pickLanguage = (value: string) => {
    if (!isLocale(value) || value === locale) return;
    chooseLocale(value).catch(() =>
      notify({
        intent: 'error',
        title: t({ id: 'account.language.failed', defaultMessage: 'The language could not be changed' }),
        body: t({
          id: 'account.language.failedBody',
          defaultMessage: 'Its texts could not be downloaded. Check the connection and try again.',
        }),
      }),
    );
  };
  return (
    <>
      <Menu
        open={open}
        onOpenChange={(_, data) => setOpen(data.open)}
        checkedValues={{ language: [locale] }}
        onCheckedValueChange={(_, data) => {
          if (data.name === 'language' && data.checkedItems[0]) pickLanguage(data.checkedItems[0]);
        }}
      >
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle" aria-label={label} className={className}>
            {children}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void switchAccount()}>
              {t({ id: 'account.switch', defaultMessage: 'Switch account' })}
            </MenuItem>
            <MenuItem onClick={() => setSigningOut(true)}>
              {t({ id: 'account.signOut', defaultMessage: 'Sign out' })}
            </MenuItem>
            <MenuDivider />
            <MenuGroup>
              <MenuGroupHeader>{t({ id: 'account.language', defaultMessage: 'Language' })}</MenuGroupHeader>
              {LOCALES.map((value) => (
                // Each language in its own words and with its own lang, so a screen reader says it right.
                <MenuItemRadio key={value} name="language" value={value} lang={value}>
                  {LOCALE_NAMES[value]}
                </MenuItemRadio>
              ))}
            </MenuGroup>
          </MenuList>
        </MenuPopover>
      </Menu>
      <SignOutDialog open={signingOut} onClose={() => setSigningOut(false)} onSignOut={signOut} />
    </>
  );
}

/** On a shared desk the next person should not find this one's actions: offer to remove them. */
function SignOutDialog({
  open,
  onClose,
  onSignOut,
}: {
  open: boolean;
  onClose: () => void;
  onSignOut: () => void;
}) {
  const removeRecord = useRemoveActivityRecord();
  const { notify } = useNotify();
  const [remove, setRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (remove) {
      setBusy(true);
      try {
        await removeRecord();
      } catch (error) {
        setBusy(false);
        notify({
          intent: 'error',
          title: t({
            id: 'account.signOut.removeFailed',
            defaultMessage: 'The activity record could not be removed',
          }),
          body: t(
            {
              id: 'account.signOut.removeFailedBody',
              defaultMessage:
                '{error} You are still signed in; try again, or remove it from the Activity page.',
            },
            { error: error instanceof Error ? error.message : String(error) },
          ),
        });
        return;
      }
    }
    onSignOut();
  };
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t({ id: 'account.signOut.title', defaultMessage: 'Sign out?' })}</DialogTitle>
          <DialogContent>
            <Text as="p">
              {t({
                id: 'account.signOut.body',
                defaultMessage:
                  'This browser keeps a record of the reprocess actions you sent from it (see the Activity page). It stays after you sign out, unless you remove it now.',
              })}
            </Text>
            <Checkbox
              checked={remove}
              onChange={(_, data) => setRemove(data.checked === true)}
              label={t({
                id: 'account.signOut.removeRecord',
                defaultMessage: 'Also remove this browser’s activity record',
              })}
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              {t({ id: 'account.signOut', defaultMessage: 'Sign out' })}
            </Button>
            <Button disabled={busy} onClick={onClose}>
              {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
