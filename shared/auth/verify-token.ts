import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Unauthenticated } from './errors';
import { principalFromClaims, type Principal } from './principal';

/** Where tokens come from: the issuer's published keys, its name, and the audience (app client) they are for. */
export interface TokenVerifierConfig {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** The app client(s) a token may be for: the CLI's and the staff console's. */
  audience: string | string[];
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

/** Cognito signs with RS256; the local issuer with ES256. Nothing else is accepted (never "none"). */
const ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verifies a bearer token (signature against the issuer's keys, issuer, audience, expiry) and
 * returns the principal it names. Every failure is an `Unauthenticated` with a reason a person
 * can act on; a failure to reach the keys is not the caller's fault and is thrown as it is.
 */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  return async (authorization) => {
    const token = bearerToken(authorization);
    try {
      const { payload } = await jwtVerify(token, config.keys, { issuer: config.issuer, audience: config.audience, algorithms: ALGORITHMS });
      return principalFromClaims(payload as Record<string, unknown>);
    } catch (error) {
      const claimed = unverifiedClaim(token, 'sub');
      throw new Unauthenticated(reasonFor(error, token), typeof claimed === 'string' ? claimed.slice(0, 200) : undefined);
    }
  };
}

/** AUTH_AUDIENCE: one app client id, or several separated by commas (the CLI's client and the staff console's). */
export const parseAudiences = (text: string): string[] =>
  text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

/** The verifier the API uses: keys fetched from a JWKS URL and cached (jose refetches on an unknown key id). */
export function remoteTokenVerifier(env: { jwksUrl: string; issuer: string; audience: string }): TokenVerifier {
  return createTokenVerifier({
    keys: createRemoteJWKSet(new URL(env.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }),
    issuer: env.issuer,
    audience: parseAudiences(env.audience),
  });
}

function bearerToken(authorization: string | undefined): string {
  if (!authorization?.trim()) throw new Unauthenticated('no Authorization header: send "Authorization: Bearer <token>"');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new Unauthenticated('the Authorization header must be "Bearer <token>"');
  return match[1]!;
}

function reasonFor(error: unknown, token: string): string {
  if (error instanceof errors.JWTExpired) return `the token expired (exp ${expiry(token)})`;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      const hint = unverifiedClaim(token, 'token_use') === 'access' ? ' (send the ID token, not the access token)' : '';
      return `the token is not for this API: audience ${JSON.stringify(unverifiedClaim(token, 'aud') ?? null)}${hint}`;
    }
    if (error.claim === 'iss') return `the token was issued by ${JSON.stringify(unverifiedClaim(token, 'iss') ?? null)}, not by this API's issuer`;
    return `the token's ${error.claim} claim is not valid: ${error.reason}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return "the token was signed with a key this API does not know (kid not in the issuer's JWKS)";
  if (error instanceof errors.JOSEAlgNotAllowed) return `the token's signing algorithm is not accepted (only ${ALGORITHMS.join(', ')})`;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return 'the token is malformed';
  // The keys could not be fetched, or something else went wrong that is not the caller's fault.
  throw error;
}

function unverifiedClaim(token: string, name: string): unknown {
  try {
    return decodeJwt(token)[name];
  } catch {
    return undefined;
  }
}

function expiry(token: string): string {
  const exp = unverifiedClaim(token, 'exp');
  return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'unknown';
}
