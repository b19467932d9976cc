import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { cognitoClientSettings, type AuthConfig } from '../config';

/** How the console gets the token it sends to the API, whichever way staff sign in. */
export interface Session {
  /** The current ID token, or undefined when nobody is signed in (or the token expired). */
  token(): Promise<string | undefined>;
  /** Sends the browser to the login (Cognito's hosted page, or the local login page). */
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Cognito: finishes the sign-in at the redirect page; answers where to go next. */
  completeSignIn(): Promise<string>;
}

/** Where the local login page keeps the token (local/console/login-page.ts writes it). */
export const LOCAL_TOKEN_KEY = 'motcua.localToken';

function localSession(loginUrl: string): Session {
  return {
    async token() {
      const token = sessionStorage.getItem(LOCAL_TOKEN_KEY) ?? undefined;
      if (!token) return undefined;
      const payload = token.split('.')[1];
      try {
        const exp = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/'))).exp as number | undefined;
        if (exp !== undefined && exp * 1000 <= Date.now()) return undefined;
      } catch {
        return undefined;
      }
      return token;
    },
    async signIn() {
      location.assign(loginUrl);
    },
    async signOut() {
      sessionStorage.removeItem(LOCAL_TOKEN_KEY);
      location.assign(loginUrl);
    },
    async completeSignIn() {
      return '/';
    },
  };
}

function cognitoSession(auth: Extract<AuthConfig, { mode: 'cognito' }>): Session {
  const manager = new UserManager({
    ...cognitoClientSettings(auth, location.origin),
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
  return {
    async token() {
      const user = await manager.getUser();
      return user && !user.expired ? user.id_token : undefined;
    },
    async signIn(returnTo = location.pathname + location.search) {
      await manager.signinRedirect({ state: returnTo });
    },
    async signOut() {
      await manager.removeUser();
      await manager.signoutRedirect();
    },
    async completeSignIn() {
      const user = await manager.signinRedirectCallback();
      const state = typeof user.state === 'string' && user.state.startsWith('/') && !user.state.startsWith('//') ? user.state : '/';
      return state;
    },
  };
}

export function sessionFor(auth: AuthConfig): Session {
  return auth.mode === 'local' ? localSession(auth.loginUrl) : cognitoSession(auth);
}
