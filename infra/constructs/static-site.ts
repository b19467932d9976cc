/**
 * What the staff console and the public desk site share on AWS: a private bucket of built files, a bucket
 * for CloudFront's standard logs, a response headers policy around a content security policy, and CDK's
 * BucketDeployment with its provider's acknowledgements. Each helper creates its resources in the scope
 * it is given (not in a construct of its own), so the console's resources keep their logical ids.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { acknowledge, iam5, LAMBDA_BASIC_EXECUTION_ROLE, nagRef } from '../nag';

/** The bucket of a site's files (`SiteBucket`): private, owner enforced, TLS only, access-logged under `<logPrefix>-site/`. */
export function siteBucket(scope: Construct, accessLogsBucket: s3.IBucket, logPrefix: string): s3.Bucket {
  return new s3.Bucket(scope, 'SiteBucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    // The files are a build output, deployed again at each deploy: nothing here is a record.
    removalPolicy: RemovalPolicy.DESTROY,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: `${logPrefix}-site/`,
  });
}

/**
 * The bucket of a distribution's standard logs (`LogBucket`). CloudFront writes them with ACLs, which the
 * access logs bucket (owner enforced) refuses: a bucket of their own, kept, archived after 90 days.
 */
export function cloudFrontLogBucket(scope: Construct, accessLogsBucket: s3.IBucket, logPrefix: string): s3.Bucket {
  return new s3.Bucket(scope, 'LogBucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: `${logPrefix}-logs/`,
    lifecycleRules: [{ id: `archive-${logPrefix}-logs`, transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }] }],
  });
}

/** The response headers of every answer (`SecurityHeaders`): the given CSP, HSTS, nosniff, no framing, no referrer, no device APIs. */
export function securityHeadersPolicy(scope: Construct, comment: string, contentSecurityPolicy: string): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true }],
    },
  });
}

/**
 * Deploys the built files (`Site`), replacing the previous build. Every file says "no-cache": CloudFront
 * revalidates it with the bucket (a second at most, the policy's minimum TTL), so a new build is seen at
 * once without an invalidation, whose grant CDK would give on every distribution of the account (Resource *).
 */
export function deploySite(scope: Construct, bucket: s3.Bucket, sources: s3deploy.ISource[], what: string): s3deploy.BucketDeployment {
  const deployment = new s3deploy.BucketDeployment(scope, 'Site', {
    destinationBucket: bucket,
    sources,
    prune: true,
    cacheControl: [s3deploy.CacheControl.noCache()],
    memoryLimit: 512,
  });
  // The provider is one function per stack (and memory size), outside this construct: acknowledged where it is.
  const provider = deployment.handlerRole.node.scope;
  if (!provider) throw new Error('BucketDeployment has no provider function');
  acknowledge(
    provider,
    `CDK's BucketDeployment provider, a Lambda-backed custom resource run at deploy time only: it copies the ${what} from CDK's asset bucket (cdk-*-assets-<account>-<region>/*, s3:GetBucket*/GetObject*/List*) into the site bucket (<SiteBucket.Arn>/*, with s3:Abort*/DeleteObject* to replace and prune the previous build). Its role, managed policy and runtime are CDK's.`,
    LAMBDA_BASIC_EXECUTION_ROLE,
    iam5(`Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*`),
    iam5(`Resource::${nagRef(bucket)}/*`),
    iam5('Action::s3:GetBucket*'),
    iam5('Action::s3:GetObject*'),
    iam5('Action::s3:List*'),
    iam5('Action::s3:Abort*'),
    iam5('Action::s3:DeleteObject*'),
    'AwsSolutions-L1',
  );
  return deployment;
}

/**
 * What a site's CloudFront distribution always is: HTTPS with HTTP/2 and 3, access logs, and its bucket as the
 * default origin through origin access control, cached and compressed under its security headers. Each
 * site adds what is its own (the console's SPA fallback and API path, for one).
 */
export function siteDistributionProps(
  site: { comment: string; bucket: s3.IBucket; logBucket: s3.IBucket; headersPolicy: cloudfront.IResponseHeadersPolicy },
  defaultBehavior: Partial<cloudfront.BehaviorOptions> = {},
): cloudfront.DistributionProps {
  return {
    comment: site.comment,
    defaultRootObject: 'index.html',
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    enableLogging: true,
    logBucket: site.logBucket,
    logFilePrefix: 'cloudfront/',
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(site.bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: site.headersPolicy,
      compress: true,
      ...defaultBehavior,
    },
  };
}
