import { createHash, randomBytes } from 'node:crypto';

/**
 * A citizen's access token: 256 random bits (crypto.randomBytes), written base64url (43 characters).
 * Only its SHA-256 is stored, so the table alone (a backup, a read-only role) opens no case.
 */
export const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What a link gives access to: the case's status page, or its satisfaction survey. */
export type AccessPurpose = 'status' | 'survey';

export function mintAccessToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashAccessToken(token) };
}

export const hashAccessToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether a string could be a token at all: anything else is refused without a read. */
export const isWellFormedToken = (token: string | undefined): token is string => typeof token === 'string' && TOKEN_SHAPE.test(token);

/** The page of each purpose, under the public base URL; the token rides in the fragment, which browsers never send to a server. */
export const CITIZEN_PAGES: Record<AccessPurpose, string> = { status: '/trang-thai', survey: '/danh-gia' };

export const citizenLink = (baseUrl: string, purpose: AccessPurpose, token: string) => `${baseUrl.replace(/\/+$/, '')}${CITIZEN_PAGES[purpose]}#${token}`;

/** The header the citizen's pages send the token in (never the URL: it would reach access logs). */
export const ACCESS_TOKEN_HEADER = 'x-motcua-access';
