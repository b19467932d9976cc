/**
 * Who is calling: the person a verified token names, with what the agency granted them. On AWS
 * the claims come from a Cognito user pool (groups, custom attributes); locally from a token that
 * `motcua token` signs with the same claim names.
 */

export const ROLES = ['officer', 'head', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an auditor may read: one office, every office of a province, or all. */
export type AuditScope = { kind: 'office'; office: string } | { kind: 'province'; province: string } | { kind: 'all' };

export interface Principal {
  /** The user's stable id (Cognito `sub`): what the timeline records as the actor. */
  sub: string;
  name?: string;
  email?: string;
  roles: Role[];
  /** The office an officer or head works in (`custom:office`). */
  office?: string;
  /** An auditor's grant (`custom:scope`). */
  scope?: AuditScope;
}

/** The claim names, as Cognito puts them in an ID token. */
export const CLAIMS = { groups: 'cognito:groups', office: 'custom:office', scope: 'custom:scope' } as const;

const CODE = /^[A-Z][A-Z0-9]{1,15}$/;

/** `office:<CODE>` | `province:<CODE>` | `all`, or undefined when the text is none of these. */
export function parseAuditScope(text: string | undefined): AuditScope | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  if (value === 'all') return { kind: 'all' };
  const [kind, code, ...rest] = value.split(':');
  if (rest.length || !code || !CODE.test(code)) return undefined;
  if (kind === 'office') return { kind: 'office', office: code };
  if (kind === 'province') return { kind: 'province', province: code };
  return undefined;
}

export const formatAuditScope = (scope: AuditScope): string =>
  scope.kind === 'all' ? 'all' : scope.kind === 'office' ? `office:${scope.office}` : `province:${scope.province}`;

/** Reads a principal from verified claims; unknown groups and malformed attributes are left out (and so grant nothing). */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const groups = claims[CLAIMS.groups];
  const roles = (Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[\s,]+/) : []).filter((g): g is Role =>
    (ROLES as readonly unknown[]).includes(g),
  );
  const text = (name: string) => (typeof claims[name] === 'string' && (claims[name] as string).trim() ? (claims[name] as string).trim() : undefined);
  const office = text(CLAIMS.office);
  const scope = parseAuditScope(text(CLAIMS.scope));
  return {
    sub: text('sub') ?? 'unknown',
    ...(text('name') ? { name: text('name') } : {}),
    ...(text('email') ? { email: text('email') } : {}),
    roles: [...new Set(roles)],
    ...(office && CODE.test(office) ? { office } : {}),
    ...(scope ? { scope } : {}),
  };
}

/** What a log line says about a principal: enough to find the person, nothing secret. */
export function describePrincipal(principal: Principal | undefined): Record<string, unknown> | null {
  if (!principal) return null;
  return {
    sub: principal.sub,
    name: principal.name,
    email: principal.email,
    roles: principal.roles,
    office: principal.office,
    scope: principal.scope ? formatAuditScope(principal.scope) : undefined,
  };
}
