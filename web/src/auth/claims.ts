/**
 * Who is signed in, read from the ID token's claims to choose what the console shows. The API
 * verifies the token's signature on every call; this reading only decides which pages to offer.
 */
export type Role = 'officer' | 'head' | 'auditor' | 'admin';

export interface Identity {
  sub: string;
  name?: string;
  email?: string;
  roles: Role[];
  office?: string;
  /** An auditor's grant: all, office:<CODE> or province:<CODE>. */
  scope?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
}

const ROLES: readonly string[] = ['officer', 'head', 'auditor', 'admin'];

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The identity a JWT names, or undefined when it is not a readable JWT. */
export function identityOf(token: string): Identity | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const groups = claims['cognito:groups'];
  const roles = (Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[\s,]+/) : []).filter((g): g is Role => ROLES.includes(g as string));
  const str = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
  const name = str('name');
  const email = str('email');
  const office = str('custom:office');
  const scope = str('custom:scope');
  return {
    sub: str('sub') ?? 'unknown',
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    roles,
    ...(office ? { office } : {}),
    ...(scope ? { scope } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
  };
}

export const hasRole = (identity: Identity | undefined, ...roles: Role[]) => !!identity && identity.roles.some((r) => roles.includes(r));

/** Officers and heads work cases; auditors only read. */
export const canAct = (identity: Identity | undefined) => hasRole(identity, 'officer', 'head');
