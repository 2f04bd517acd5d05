// The account menu (switch account, sign out). Loaded after the first screen: until then the
// header shows the same button, and a click on it opens the menu as soon as it has loaded.
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useAccountActions } from '../auth/session';

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
  return (
    <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" aria-label={label} className={className}>
          {children}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => void switchAccount()}>Switch account</MenuItem>
          <MenuItem onClick={() => void signOut()}>Sign out</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
