import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { CLAIMS, formatAuditScope, type AuditScope, type Role } from '../../shared/auth/principal';

/**
 * The local stand-in for a Cognito user pool's signing keys: one ES256 key pair, generated once
 * into `<dataDir>/auth/` and kept across restarts. The local stack publishes the public half as a
 * JWKS; `motcua token` signs development tokens with the private half. The API verifies them
 * exactly as it verifies Cognito's tokens on AWS.
 */
export const LOCAL_ISSUER = 'urn:motcua:local';
export const LOCAL_AUDIENCE = 'motcua-local';
export const LOCAL_JWKS_PATH = '/_local/.well-known/jwks.json';

const PRIVATE_FILE = 'signing-key.private.jwk.json';

export interface LocalSigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export const localAuthDir = (dataDir: string) => join(dataDir, 'auth');

/** Reads the local key pair from `<dataDir>/auth/`, creating it the first time (safe if two processes race). */
export function ensureLocalSigningKey(dataDir: string): LocalSigningKey {
  const dir = localAuthDir(dataDir);
  const file = join(dir, PRIVATE_FILE);
  try {
    return fromPrivate(JSON.parse(readFileSync(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the local signing key ${file}: ${(error as Error).message}`);
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const privateJwk: JWK = { ...jwk, kid: thumbprint(jwk), alg: 'ES256', use: 'sig' };
  try {
    writeFileSync(file, JSON.stringify(privateJwk, null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it between our read and our write: theirs is the key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fromPrivate(JSON.parse(readFileSync(file, 'utf8')) as JWK);
    throw error;
  }
  return fromPrivate(privateJwk);
}

/** The public keys, as an issuer publishes them at its jwks.json. */
export function localJwks(dataDir: string): { keys: JWK[] } {
  return { keys: [ensureLocalSigningKey(dataDir).publicJwk] };
}

export interface LocalTokenRequest {
  role: Role;
  office?: string;
  scope?: AuditScope;
  sub?: string;
  name?: string;
  email?: string;
  /** How long the token lasts: a number of seconds or "30m", "8h", "2d". Default 8h. */
  ttl?: string | number;
  /** Extra claims or overrides, for tests (e.g. another audience). */
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
}

/** Signs a development token with the local key, with the claims a Cognito ID token would carry. */
export async function signLocalToken(dataDir: string, request: LocalTokenRequest): Promise<string> {
  const { privateJwk } = ensureLocalSigningKey(dataDir);
  const key = await importJWK(privateJwk, 'ES256');
  const who = request.office ?? (request.scope ? formatAuditScope(request.scope) : 'all');
  const sub = request.sub ?? `local-${request.role}-${who.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  const claims: Record<string, unknown> = {
    [CLAIMS.groups]: [request.role],
    ...(request.office ? { [CLAIMS.office]: request.office } : {}),
    ...(request.scope ? { [CLAIMS.scope]: formatAuditScope(request.scope) } : {}),
    name: request.name ?? `${request.role} ${who} (local)`,
    ...(request.email ? { email: request.email } : {}),
    token_use: 'id',
    ...request.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid!, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(request.issuer ?? LOCAL_ISSUER)
    .setAudience(request.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(typeof request.ttl === 'number' ? Math.floor(Date.now() / 1000) + request.ttl : (request.ttl ?? '8h'))
    .sign(key);
}

function fromPrivate(privateJwk: JWK): LocalSigningKey {
  const { d: _secret, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk };
}

/** RFC 7638 thumbprint of an EC key: the key id. */
function thumbprint(jwk: JWK): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
}
