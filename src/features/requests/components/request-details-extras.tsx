import { createContext, useContext, type ReactNode } from 'react';

/**
 * Sections other parts of the app add to the request details drawer (the activity record, Entra's
 * audit events). The app composes them, so this feature does not depend on those features.
 */
export interface RequestDetailsExtras {
  /** Inside "What this dashboard has done to this request". */
  dashboardHistory?: (requestId: string) => ReactNode;
  /** Sections after it. */
  moreSections?: (requestId: string) => ReactNode;
}

const RequestDetailsExtrasContext = createContext<RequestDetailsExtras>({});

export const RequestDetailsExtrasProvider = RequestDetailsExtrasContext.Provider;

export function useRequestDetailsExtras(): RequestDetailsExtras {
  return useContext(RequestDetailsExtrasContext);
}
