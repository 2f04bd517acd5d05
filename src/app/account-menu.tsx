// The account menu (switch account, sign out, theme). Loaded after the first screen: until then the
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
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useAccountActions } from '../auth/session';
import { useNotify } from '../components/notify';
import { useRemoveActivityRecord } from '../record/activity-record-provider';
import { THEME_CHOICES, parseThemeChoice, themeStore, useThemeState } from './theme';

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
  const { choice } = useThemeState();
  return (
    <>
      <Menu
        open={open}
        onOpenChange={(_, data) => setOpen(data.open)}
        checkedValues={{ theme: [choice] }}
        onCheckedValueChange={(_, data) => {
          if (data.name === 'theme') themeStore.choose(parseThemeChoice(data.checkedItems[0]));
        }}
      >
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle" aria-label={label} className={className}>
            {children}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void switchAccount()}>Switch account</MenuItem>
            <MenuItem onClick={() => setSigningOut(true)}>Sign out</MenuItem>
            <MenuDivider />
            <MenuGroup aria-label="Theme">
              <MenuGroupHeader>Theme</MenuGroupHeader>
              {THEME_CHOICES.map(({ value, label }) => (
                <MenuItemRadio key={value} name="theme" value={value}>
                  {label}
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
          title: 'The activity record could not be removed',
          body: `${error instanceof Error ? error.message : String(error)} You are still signed in; try again, or remove it from the Activity page.`,
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
          <DialogTitle>Sign out?</DialogTitle>
          <DialogContent>
            <Text as="p">
              This browser keeps a record of the reprocess actions you sent from it (see the Activity page).
              It stays after you sign out, unless you remove it now.
            </Text>
            <Checkbox
              checked={remove}
              onChange={(_, data) => setRemove(data.checked === true)}
              label="Also remove this browser’s activity record"
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              Sign out
            </Button>
            <Button disabled={busy} onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
