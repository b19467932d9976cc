/**
 * The console's runtime configuration, read from /config.json on its own origin: where the API is
 * and how staff sign in. Locally the local stack writes it (a token from the local login page); on
 * AWS the deployment does (Cognito's hosted login, authorization code with PKCE).
 */
export type AuthConfig = { mode: 'local'; loginUrl: string } | { mode: 'cognito'; domain: string; clientId: string; region: string; userPoolId?: string; scope: string };

export interface ConsoleConfig {
  apiBase: string;
  auth: AuthConfig;
}

export class InvalidConsoleConfig extends Error {
  override readonly name = 'InvalidConsoleConfig';
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidConsoleConfig(`config.json: ${name} must be a non-empty string`);
  return value.trim();
};

/** Reads and checks /config.json; a wrong file says which field is wrong. */
export function parseConsoleConfig(input: unknown): ConsoleConfig {
  if (!input || typeof input !== 'object') throw new InvalidConsoleConfig('config.json must be a JSON object');
  const raw = input as Record<string, unknown>;
  const apiBase = text(raw.apiBase, 'apiBase').replace(/\/+$/, '');
  if (!apiBase.startsWith('/') && !/^https:\/\//.test(apiBase) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(apiBase)) {
    throw new InvalidConsoleConfig(`config.json: apiBase "${apiBase}" must be a path on this origin (/api) or an https URL`);
  }
  const auth = raw.auth as Record<string, unknown> | undefined;
  if (!auth || typeof auth !== 'object') throw new InvalidConsoleConfig('config.json: auth is missing');
  if (auth.mode === 'local') return { apiBase, auth: { mode: 'local', loginUrl: typeof auth.loginUrl === 'string' ? auth.loginUrl : '/_local/login' } };
  if (auth.mode === 'cognito') {
    const domain = text(auth.domain, 'auth.domain').replace(/^https:\/\//, '').replace(/\/+$/, '');
    if (!/^[a-z0-9.-]+$/i.test(domain)) throw new InvalidConsoleConfig(`config.json: auth.domain "${domain}" is not a host name`);
    const region = text(auth.region, 'auth.region');
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new InvalidConsoleConfig(`config.json: auth.region "${region}" is not an AWS region`);
    return {
      apiBase,
      auth: {
        mode: 'cognito',
        domain,
        clientId: text(auth.clientId, 'auth.clientId'),
        region,
        ...(auth.userPoolId !== undefined ? { userPoolId: text(auth.userPoolId, 'auth.userPoolId') } : {}),
        scope: typeof auth.scope === 'string' && auth.scope.trim() ? auth.scope.trim() : 'openid email profile',
      },
    };
  }
  throw new InvalidConsoleConfig(`config.json: auth.mode must be "local" or "cognito", got ${JSON.stringify(auth.mode)}`);
}

/**
 * The OIDC client settings for Cognito's hosted login: authorization code with PKCE (S256), the
 * endpoints of the user pool's domain, and this origin's /dang-nhap/xong as the redirect.
 */
export function cognitoClientSettings(auth: Extract<AuthConfig, { mode: 'cognito' }>, origin: string) {
  const base = `https://${auth.domain}`;
  const issuer = auth.userPoolId ? `https://cognito-idp.${auth.region}.amazonaws.com/${auth.userPoolId}` : base;
  return {
    authority: issuer,
    client_id: auth.clientId,
    redirect_uri: `${origin}/dang-nhap/xong`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code' as const,
    scope: auth.scope,
    metadata: {
      issuer,
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      userinfo_endpoint: `${base}/oauth2/userInfo`,
      revocation_endpoint: `${base}/oauth2/revoke`,
      // Cognito's logout takes client_id and logout_uri rather than the OIDC parameters.
      end_session_endpoint: `${base}/logout?client_id=${encodeURIComponent(auth.clientId)}&logout_uri=${encodeURIComponent(`${origin}/`)}`,
    },
  };
}
