// The account menu (switch account, sign out, language, theme), and the narrow header's one Menu
// that holds it with the page links and Notifications. Loaded after the first screen: until then
// the header shows the same button, and a click on it opens the menu as soon as it has loaded.
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
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemLink,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  type MenuProps,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { NavigationRegular } from '@fluentui/react-icons';
import { useState, type MouseEvent, type ReactNode, type Ref } from 'react';
import { useAccountActions } from '../auth/session';
import { useNotify } from '../components/notify';
import { useRemoveActivityRecord } from '../record/activity-record-provider';
import { LOCALE_NAMES, LOCALES, chooseLocale, isLocale, t } from '../i18n/i18n';
import { useLocale } from '../i18n/react';
import { THEME_CHOICES, parseThemeChoice, themeStore, useThemeState, type ThemeChoice } from './theme';

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
  const preferences = usePreferenceChoices();
  return (
    <>
      <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)} {...preferences}>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle" aria-label={label} className={className}>
            {children}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <AccountItems onSwitch={() => void switchAccount()} onSignOut={() => setSigningOut(true)} />
            <PreferenceGroups />
          </MenuList>
        </MenuPopover>
      </Menu>
      <SignOutDialog open={signingOut} onClose={() => setSigningOut(false)} onSignOut={signOut} />
    </>
  );
}

/**
 * The menus' radio choices of this browser's preferences (language and theme), as Menu props: the
 * ones checked now, and what a pick does.
 */
function usePreferenceChoices(): Pick<MenuProps, 'checkedValues' | 'onCheckedValueChange'> {
  const locale = useLocale();
  const { choice } = useThemeState();
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
  return {
    checkedValues: { language: [locale], theme: [choice] },
    onCheckedValueChange: (_, data) => {
      if (data.name === 'language' && data.checkedItems[0]) pickLanguage(data.checkedItems[0]);
      if (data.name === 'theme') themeStore.choose(parseThemeChoice(data.checkedItems[0]));
    },
  };
}

/** The account's two actions, in both menus. */
function AccountItems({ onSwitch, onSignOut }: { onSwitch: () => void; onSignOut: () => void }) {
  return (
    <>
      <MenuItem onClick={onSwitch}>{t({ id: 'account.switch', defaultMessage: 'Switch account' })}</MenuItem>
      <MenuItem onClick={onSignOut}>{t({ id: 'account.signOut', defaultMessage: 'Sign out' })}</MenuItem>
    </>
  );
}

/** The preference groups at the end of both menus (wide header's account menu, narrow Menu). */
function PreferenceGroups() {
  return (
    <>
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
      <MenuDivider />
      <MenuGroup>
        <MenuGroupHeader>{t({ id: 'account.theme', defaultMessage: 'Theme' })}</MenuGroupHeader>
        {THEME_CHOICES.map(({ value }) => (
          <MenuItemRadio key={value} name="theme" value={value}>
            {themeLabel(value)}
          </MenuItemRadio>
        ))}
      </MenuGroup>
    </>
  );
}

function themeLabel(choice: ThemeChoice): string {
  switch (choice) {
    case 'system':
      return t({ id: 'account.theme.system', defaultMessage: 'System' });
    case 'light':
      return t({ id: 'account.theme.light', defaultMessage: 'Light' });
    case 'dark':
      return t({ id: 'account.theme.dark', defaultMessage: 'Dark' });
    case 'high-contrast':
      return t({ id: 'account.theme.highContrast', defaultMessage: 'High contrast' });
  }
}

const useStyles = makeStyles({
  // Name over email, as the wide header's account button shows them; the email may be long.
  account: {
    display: 'grid',
    height: 'auto',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  // The page shown now, as the wide header's underlined link says it.
  current: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
});

export interface HeaderMenuProps {
  /** The pages, in the order the wide header lists them. */
  pages: readonly { path: string; label: string }[];
  /** The path of the page shown now. */
  currentPath: string;
  /** A click on a page link (the wide header's own handler: a plain click stays in the app). */
  onFollow: (e: MouseEvent<HTMLAnchorElement>, path: string) => void;
  /** "Notifications" or "Notifications (3)". */
  notificationsLabel: string;
  onOpenNotifications: () => void;
  /** The signed-in account, as the wide header shows it. */
  accountName: string;
  accountUsername: string;
  /** The trigger button: focus comes back to it when the Notifications panel closes. */
  triggerRef?: Ref<HTMLButtonElement>;
  /** Open on mount: the user clicked the button before the menu had loaded. */
  initiallyOpen?: boolean;
}

/**
 * The header of a narrow window (a phone, or a zoomed-in desktop browser): the page links,
 * Notifications and the account's actions behind one Menu button, so nothing runs off the screen.
 */
export function HeaderMenu({
  pages,
  currentPath,
  onFollow,
  notificationsLabel,
  onOpenNotifications,
  accountName,
  accountUsername,
  triggerRef,
  initiallyOpen = false,
}: HeaderMenuProps) {
  const styles = useStyles();
  const { signOut, switchAccount } = useAccountActions();
  const [open, setOpen] = useState(initiallyOpen);
  const [signingOut, setSigningOut] = useState(false);
  const preferences = usePreferenceChoices();
  return (
    <>
      <Menu
        open={open}
        onOpenChange={(_, data) => setOpen(data.open)}
        positioning="below-end"
        {...preferences}
      >
        <MenuTrigger disableButtonEnhancement>
          <Button ref={triggerRef} appearance="subtle" icon={<NavigationRegular />}>
            {t({ id: 'app.menu', defaultMessage: 'Menu' })}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>{t({ id: 'nav.label', defaultMessage: 'Pages' })}</MenuGroupHeader>
              {pages.map((p) => (
                <MenuItemLink
                  key={p.path}
                  href={p.path}
                  aria-current={p.path === currentPath ? 'page' : undefined}
                  className={p.path === currentPath ? styles.current : undefined}
                  onClick={(e) => {
                    onFollow(e, p.path);
                    setOpen(false);
                  }}
                >
                  {p.label}
                </MenuItemLink>
              ))}
            </MenuGroup>
            <MenuDivider />
            <MenuItem onClick={onOpenNotifications}>{notificationsLabel}</MenuItem>
            <MenuDivider />
            <MenuGroup>
              <MenuGroupHeader className={styles.account}>
                <Text weight="semibold">{accountName}</Text>
                <Text size={200}>{accountUsername}</Text>
              </MenuGroupHeader>
              <AccountItems onSwitch={() => void switchAccount()} onSignOut={() => setSigningOut(true)} />
            </MenuGroup>
            <PreferenceGroups />
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
