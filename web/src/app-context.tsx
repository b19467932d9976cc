import { createContext, useContext } from 'react';
import type { Api, ConsoleReference } from './api/client';
import type { Identity } from './auth/claims';
import type { Session } from './auth/session';
import type { ConsoleConfig } from './config';

/** What every page reads: the configuration, the session, the typed API client and who is signed in. */
export interface AppContext {
  config: ConsoleConfig;
  session: Session;
  api: Api;
  identity: Identity;
  /** The offices and procedures to pick from (GET /reference), once loaded. */
  reference: ConsoleReference | undefined;
}

export const Ctx = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('useApp outside the signed-in console');
  return value;
}
