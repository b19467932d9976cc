import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet } from 'jose';
import { ensureLocalSigningKey, localJwks, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../../local/auth/local-keys';
import { Unauthenticated } from '../../../shared/auth/errors';
import { createTokenVerifier, remoteTokenVerifier } from '../../../shared/auth/verify-token';

// Prepare: the local issuer's key, and a stranger's key the API does not know.
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-auth-'));
const strangerDir = mkdtempSync(join(tmpdir(), 'motcua-auth-stranger-'));
const verify = createTokenVerifier({ keys: createLocalJWKSet(localJwks(dataDir)), issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
const bearer = (token: string) => `Bearer ${token}`;

async function refusal(authorization: string | undefined): Promise<string> {
  try {
    await verify(authorization);
  } catch (error) {
    expect(error).toBeInstanceOf(Unauthenticated);
    return (error as Unauthenticated).reason;
  }
  throw new Error('the token was accepted');
}

describe('token verification', () => {
  it('accepts a token of the issuer and names the principal', async () => {
    const token = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', name: 'Trần Thị Lan', email: 'lan@hcm.thads.example', sub: 'u-lan' });
    expect(await verify(bearer(token))).toEqual({ sub: 'u-lan', name: 'Trần Thị Lan', email: 'lan@hcm.thads.example', roles: ['officer'], office: 'HCMKV1' });
  });

  it('accepts an auditor token with its scope', async () => {
    const token = await signLocalToken(dataDir, { role: 'auditor', scope: { kind: 'province', province: 'HCM' } });
    expect(await verify(bearer(token))).toMatchObject({ roles: ['auditor'], scope: { kind: 'province', province: 'HCM' } });
  });

  it('refuses a request without a token', async () => {
    expect(await refusal(undefined)).toMatch(/no Authorization header/);
    expect(await refusal('Basic dXNlcjpwYXNz')).toMatch(/must be "Bearer <token>"/);
  });

  it('refuses an expired token', async () => {
    const token = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', ttl: -60 });
    expect(await refusal(bearer(token))).toMatch(/^the token expired/);
  });

  it('refuses a token for another audience', async () => {
    const token = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', audience: 'another-app' });
    expect(await refusal(bearer(token))).toBe('the token is not for this API: audience "another-app"');
  });

  it('says to send the ID token when given a Cognito access token', async () => {
    const token = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', audience: 'x', claims: { token_use: 'access' } });
    expect(await refusal(bearer(token))).toMatch(/send the ID token, not the access token/);
  });

  it('refuses a token of another issuer', async () => {
    const token = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', issuer: 'https://cognito-idp.example/other-pool' });
    expect(await refusal(bearer(token))).toMatch(/issued by "https:\/\/cognito-idp.example\/other-pool"/);
  });

  it('refuses a token whose signature does not verify', async () => {
    const officer = await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1' });
    const admin = await signLocalToken(dataDir, { role: 'admin' });
    // the officer's header and claims, rewritten to claim the admin group, keep the officer's signature
    const [header, , signature] = officer.split('.');
    const forged = `${header}.${admin.split('.')[1]}.${signature}`;
    expect(await refusal(bearer(forged))).toBe('the token signature does not verify');
  });

  it('refuses a token signed with a key it does not know', async () => {
    const token = await signLocalToken(strangerDir, { role: 'admin' });
    expect(await refusal(bearer(token))).toMatch(/key this API does not know/);
  });

  it('refuses an unsigned token (alg none) and garbage', async () => {
    const claims = Buffer.from(JSON.stringify({ sub: 'x', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, 'cognito:groups': ['admin'], exp: 9999999999 })).toString('base64url');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${claims}.`;
    expect(await refusal(bearer(unsigned))).toMatch(/not accepted|malformed/);
    expect(await refusal(bearer('not-a-jwt'))).toBe('the token is malformed');
  });
});

describe('the local signing key', () => {
  it('is created once and kept', () => {
    const first = ensureLocalSigningKey(dataDir);
    expect(ensureLocalSigningKey(dataDir)).toEqual(first);
    expect(first.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) });
    expect(first.publicJwk).not.toHaveProperty('d');
  });
});

describe('the remote key set (as on AWS, from a JWKS URL)', () => {
  let server: Server;
  let fetches = 0;
  let url: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(localJwks(dataDir)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the keys once and verifies many tokens with them', async () => {
    const remote = remoteTokenVerifier({ jwksUrl: url, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    for (const office of ['HCMKV1', 'HCMKV2', 'HCM']) {
      const token = await signLocalToken(dataDir, { role: 'head', office });
      expect(await remote(bearer(token))).toMatchObject({ roles: ['head'], office });
    }
    expect(fetches).toBe(1);
  });
  it("takes the ID tokens of every app client AUTH_AUDIENCE lists (the CLI's and the console's), and no other", async () => {
    const remote = remoteTokenVerifier({ jwksUrl: url, issuer: LOCAL_ISSUER, audience: ` ${LOCAL_AUDIENCE}, console-client ` });
    for (const audience of [LOCAL_AUDIENCE, 'console-client']) {
      expect(await remote(bearer(await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', audience })))).toMatchObject({ roles: ['officer'] });
    }
    await expect(remote(bearer(await signLocalToken(dataDir, { role: 'officer', office: 'HCMKV1', audience: 'another-app' })))).rejects.toThrow(/not for this API: audience "another-app"/);
  });
});
