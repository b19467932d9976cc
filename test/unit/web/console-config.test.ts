import { describe, expect, it } from 'vitest';
import { cognitoClientSettings, InvalidConsoleConfig, parseConsoleConfig } from '../../../web/src/config';

describe('the console configuration (/config.json, web/src/config)', () => {
  it('reads the local configuration the local stack serves', () => {
    expect(parseConsoleConfig({ apiBase: '/api/', auth: { mode: 'local', loginUrl: '/_local/login' } })).toEqual({ apiBase: '/api', auth: { mode: 'local', loginUrl: '/_local/login' } });
  });

  it('reads the Cognito configuration and builds an authorization code + PKCE client on the hosted login', () => {
    const config = parseConsoleConfig({ apiBase: '/api', auth: { mode: 'cognito', domain: 'https://motcua.auth.ap-southeast-1.amazoncognito.com/', clientId: 'abc123', region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_XYZ' } });
    expect(config.auth).toMatchObject({ mode: 'cognito', domain: 'motcua.auth.ap-southeast-1.amazoncognito.com', scope: 'openid email profile' });
    if (config.auth.mode !== 'cognito') throw new Error('expected cognito');
    const settings = cognitoClientSettings(config.auth, 'https://console.example.vn');
    expect(settings.response_type).toBe('code');
    expect(settings.redirect_uri).toBe('https://console.example.vn/dang-nhap/xong');
    expect(settings.metadata.authorization_endpoint).toBe('https://motcua.auth.ap-southeast-1.amazoncognito.com/oauth2/authorize');
    expect(settings.metadata.token_endpoint).toBe('https://motcua.auth.ap-southeast-1.amazoncognito.com/oauth2/token');
    expect(settings.metadata.issuer).toBe('https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_XYZ');
    expect(settings.metadata.end_session_endpoint).toContain('logout_uri=https%3A%2F%2Fconsole.example.vn%2F');
    // oidc-client-ts uses PKCE unless told not to: nothing here turns it off.
    expect(settings).not.toHaveProperty('disablePKCE');
  });

  it('refuses a configuration that would send tokens elsewhere or sign in nowhere, saying which field', () => {
    expect(() => parseConsoleConfig({ apiBase: 'http://evil.example/api', auth: { mode: 'local' } })).toThrow(/apiBase/);
    expect(() => parseConsoleConfig({ apiBase: '/api', auth: { mode: 'cognito', domain: 'x.example', region: 'ap-southeast-1' } })).toThrow(/auth.clientId/);
    expect(() => parseConsoleConfig({ apiBase: '/api', auth: { mode: 'cognito', domain: 'x.example', clientId: 'c', region: 'mars' } })).toThrow(/auth.region/);
    expect(() => parseConsoleConfig({ apiBase: '/api', auth: { mode: 'password' } })).toThrow(InvalidConsoleConfig);
    expect(() => parseConsoleConfig(null)).toThrow(/JSON object/);
  });
});
