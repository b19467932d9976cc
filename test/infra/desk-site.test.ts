import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtDeskSiteDir } from '../../infra/constructs/desk-site';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { DESK_SITE_CSP } from '../../site/headers';
import { flatten, logicalId, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

/** The desk site's distribution, found by its own logical id (the stack has the console's too). */
function siteDistribution() {
  const distribution = template.toJSON().Resources[logicalId(stack.deskSite.distribution)];
  return distribution.Properties.DistributionConfig as {
    DefaultRootObject: string;
    DefaultCacheBehavior: Record<string, unknown>;
    CacheBehaviors?: unknown[];
    Origins: Array<{ DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: Record<string, unknown> }>;
    Logging?: { Bucket: unknown };
    ViewerCertificate?: unknown;
  };
}

describe('the public desk site on AWS', () => {
  it('keeps the files in a private bucket that only its own distribution reads, through origin access control', () => {
    const bucketId = logicalId(stack.deskSite.bucket);
    const bucket = template.toJSON().Resources[bucketId];
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    const [origin, ...others] = siteDistribution().Origins;
    expect(others).toEqual([]);
    expect(flatten(origin!.DomainName)).toContain(bucketId);
    expect(origin!.OriginAccessControlId).toBeDefined();
    expect(origin!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });

    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }))!;
    const allows = (policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([expect.objectContaining({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]);
    const sourceArn = flatten((allows[0]!.Condition as { StringEquals: Record<string, unknown> }).StringEquals['AWS:SourceArn']);
    expect(sourceArn).toContain(logicalId(stack.deskSite.distribution));
    expect(sourceArn).not.toContain(logicalId(stack.staffConsole.distribution));
    // TLS only to the bucket too.
    const denies = (policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>).filter((s) => s.Effect === 'Deny');
    expect(denies).toEqual([expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
  });

  it('answers over HTTPS only, compressed, GET and HEAD only, index.html at the root, with standard logs', () => {
    const config = siteDistribution();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CacheBehaviors).toBeUndefined();
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true, AllowedMethods: ['GET', 'HEAD'] });
    expect(config.DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
    expect(flatten(config.Logging!.Bucket)).toContain('DeskSiteLogBucket');
  });

  it("answers with the site's own CSP (its stylesheet, nothing else: no script, no form, no framing), HSTS, nosniff, DENY and no referrer", () => {
    const headersId = logicalId(stack.deskSite.headersPolicy);
    const security = template.toJSON().Resources[headersId].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: DESK_SITE_CSP, Override: true });
    for (const directive of ["default-src 'none'", "style-src 'self'", "form-action 'none'", "frame-ancestors 'none'"]) expect(DESK_SITE_CSP).toContain(directive);
    expect(DESK_SITE_CSP).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    expect(security.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 86400);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(siteDistribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
  });

  it('deploys the built site into its bucket, pruning the previous build, and names its address as an output', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).filter(
      (d) => JSON.stringify(d.Properties.DestinationBucketName) === JSON.stringify({ Ref: logicalId(stack.deskSite.bucket) }),
    );
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.Properties).toMatchObject({ Prune: true, SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(flatten(template.toJSON().Outputs.DeskSiteUrl.Value)).toContain(logicalId(stack.deskSite.distribution));
  });

  it('refuses to deploy a site that was not built, saying how to build it', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'motcua-no-site-'));
    expect(() => builtDeskSiteDir(empty)).toThrow(/the public desk site is not built .*index\.html is missing\): run npm run build:site before cdk synth or deploy/);
  });
});
