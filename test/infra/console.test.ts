import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtConsoleDir, CONSOLE_CALLBACK_PATH } from '../../infra/constructs/staff-console';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { flatten, logicalId, ref, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

/** CloudFront's managed policies, by their fixed ids (CloudFront documentation, "managed cache/origin request policies"). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Behavior = Record<string, unknown> & { PathPattern?: string; FunctionAssociations?: Array<{ FunctionARN: unknown; EventType: string }> };

function distributionConfig() {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  return distribution!.Properties.DistributionConfig as {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
    Origins: Array<{ Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: Record<string, unknown>; CustomOriginConfig?: Record<string, unknown> }>;
    Logging?: unknown;
  };
}

/** Runs a CloudFront Function of the template on a viewer request for this URI, as CloudFront would. */
function viewerRequest(functionRef: unknown, uri: string): string {
  const id = (functionRef as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const code = template.toJSON().Resources[id].Properties.FunctionCode as string;
  return runInNewContext(`${code}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`) as string;
}

describe('the staff console on AWS', () => {
  it('keeps the files in a private bucket that only this distribution reads, through origin access control', () => {
    const bucketId = logicalId(stack.staffConsole.bucket);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    });
    expect(template.toJSON().Resources[bucketId].Properties.WebsiteConfiguration).toBeUndefined();
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const siteOrigin = distributionConfig().Origins.find((o) => JSON.stringify(o.DomainName).includes(bucketId))!;
    expect(siteOrigin.OriginAccessControlId).toBeDefined();
    expect(siteOrigin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });

    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }))!;
    const allows = (policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(flatten((allows[0]!.Condition as { StringEquals: Record<string, unknown> }).StringEquals['AWS:SourceArn'])).toContain(logicalId(stack.staffConsole.distribution));
  });

  it('answers with CSP, HSTS, nosniff, no framing and no referrer, on the pages and on /api alike', () => {
    const headers = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [config] = Object.values(headers).map((h) => h.Properties.ResponseHeadersPolicyConfig);
    const security = config.SecurityHeadersConfig;
    const csp = flatten(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(security.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 86400);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });

    const policyRef = { Ref: logicalId(stack.staffConsole.headersPolicy) };
    const { DefaultCacheBehavior, CacheBehaviors } = distributionConfig();
    for (const behavior of [DefaultCacheBehavior, ...CacheBehaviors]) expect(behavior.ResponseHeadersPolicyId).toEqual(policyRef);
    expect(DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it("answers the console's pages with index.html, and its files (config.json, assets) as they are", () => {
    const { DefaultCacheBehavior } = distributionConfig();
    const [fallback] = DefaultCacheBehavior.FunctionAssociations!;
    expect(fallback!.EventType).toBe('viewer-request');
    expect(viewerRequest(fallback!.FunctionARN, '/ho-so/HCMKV1-2026-000001')).toBe('/index.html');
    expect(viewerRequest(fallback!.FunctionARN, CONSOLE_CALLBACK_PATH)).toBe('/index.html');
    expect(viewerRequest(fallback!.FunctionARN, '/')).toBe('/index.html');
    expect(viewerRequest(fallback!.FunctionARN, '/config.json')).toBe('/config.json');
    expect(viewerRequest(fallback!.FunctionARN, '/assets/index-3f9a.js')).toBe('/assets/index-3f9a.js');
  });

  it("answers the citizen's pages with their own HTML entries, not the console's", () => {
    const [fallback] = distributionConfig().DefaultCacheBehavior.FunctionAssociations!;
    expect(viewerRequest(fallback!.FunctionARN, '/trang-thai')).toBe('/trang-thai.html');
    expect(viewerRequest(fallback!.FunctionARN, '/danh-gia')).toBe('/danh-gia.html');
    expect(viewerRequest(fallback!.FunctionARN, '/trang-thai/x')).toBe('/index.html');
  });

  it('serves the HTTP API under /api on the same origin: HTTPS, every method, never cached, every viewer header but Host (Authorization included)', () => {
    const { CacheBehaviors, Origins } = distributionConfig();
    expect(CacheBehaviors.map((b) => b.PathPattern)).toEqual(['/api/*']);
    const api = CacheBehaviors[0]!;
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    });
    const origin = Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(flatten(origin.DomainName)).toContain(logicalId(stack.api.httpApi));
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The API's routes have no /api prefix: the viewer-request function takes it off, and only it.
    const [strip] = api.FunctionAssociations!;
    expect(viewerRequest(strip!.FunctionARN, '/api/cases/HCMKV1-2026-000001/verify')).toBe('/cases/HCMKV1-2026-000001/verify');
    expect(viewerRequest(strip!.FunctionARN, '/api/health')).toBe('/health');
    expect(viewerRequest(strip!.FunctionARN, '/api/apiary')).toBe('/apiary');
  });

  it('signs in on the managed login with the authorization code flow only, no secret, back to the console', () => {
    const clientId = logicalId(stack.staffConsole.client);
    const client = template.toJSON().Resources[clientId].Properties;
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid']));
    const distribution = logicalId(stack.staffConsole.distribution);
    expect(client.CallbackURLs.map(flatten)).toEqual([`https://<${distribution}.DomainName>/dang-nhap/xong`]);
    expect(client.LogoutURLs.map(flatten)).toEqual([`https://<${distribution}.DomainName>/`]);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
  });

  it("lets the console's ID tokens call the API, at API Gateway and in the function", () => {
    const consoleClient = ref(stack.staffConsole.client);
    const staffClient = ref(stack.staffDirectory.client);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', JwtConfiguration: { Audience: [staffClient, consoleClient] } });
    const fn = template.toJSON().Resources[logicalId(stack.api.apiFunction)].Properties;
    expect(flatten(fn.Environment.Variables.AUTH_AUDIENCE)).toBe(`${flatten(staffClient)},${flatten(consoleClient)}`);
  });

  it('deploys config.json beside the SPA: the API base path, the login domain, the client, the region', () => {
    const config = Stack.of(stack).resolve(stack.staffConsole.config);
    expect(config).toMatchObject({ apiBase: '/api', auth: { mode: 'cognito', clientId: ref(stack.staffConsole.client), userPoolId: ref(stack.staffDirectory.userPool), region: { Ref: 'AWS::Region' }, scope: 'openid email profile' } });
    expect(flatten(config.auth.domain)).toBe(`<${logicalId(stack.staffConsole.domain)}>.auth.<AWS::Region>.amazoncognito.com`);
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(flatten(deployment!.Properties.DestinationBucketName)).toContain(logicalId(stack.staffConsole.bucket));
    expect(JSON.stringify(deployment!.Properties.SourceMarkers)).toContain(logicalId(stack.staffConsole.client));
    template.hasOutput('ConsoleUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.staffConsole.distribution), 'DomainName'] }]] } });
  });
});

describe('the console build a deployment ships', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'motcua-console-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('is refused when it was not built, saying how to build it', () => {
    expect(() => builtConsoleDir(empty)).toThrow(/not built.*npm run build:web/);
  });
});
