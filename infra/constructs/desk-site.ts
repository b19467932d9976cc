import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { DESK_SITE_CSP } from '../../site/headers';
import { acknowledge } from '../nag';
import { fromProjectRoot } from '../paths';
import { cloudFrontLogBucket, deploySite, securityHeadersPolicy, siteBucket, siteDistributionProps } from './static-site';

/** Where `npm run build:site` puts the public desk site. */
export const DESK_SITE_BUILD_DIR = fromProjectRoot('site', 'dist');

/** The built site, or a clear refusal: a deployment never ships a site that was not built (tests give a placeholder). */
export function builtDeskSiteDir(dir = DESK_SITE_BUILD_DIR): string {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`the public desk site is not built (${path.relative(fromProjectRoot(), dir)}/index.html is missing): run npm run build:site before cdk synth or deploy`);
  }
  return dir;
}

export interface DeskSiteProps {
  readonly accessLogsBucket: s3.IBucket;
  /** The built site (site/dist, `npm run build:site`); tests give a placeholder. */
  readonly siteDir: string;
}

/**
 * The public desk site on AWS: its static files in a private bucket, served by a CloudFront distribution
 * of its own through origin access control, over HTTPS only, compressed, with security headers (a CSP
 * that allows the site's stylesheet and nothing else, HSTS, nosniff, no framing, no referrer). The pages
 * are flat .html files linked relatively, so no viewer-request function is needed.
 */
export class DeskSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headersPolicy: cloudfront.ResponseHeadersPolicy;
  /** https://<distribution>.cloudfront.net */
  readonly url: string;

  constructor(scope: Construct, id: string, props: DeskSiteProps) {
    super(scope, id);
    this.bucket = siteBucket(this, props.accessLogsBucket, 'desk');
    const logBucket = cloudFrontLogBucket(this, props.accessLogsBucket, 'desk');
    this.headersPolicy = securityHeadersPolicy(this, 'motcua public desk site: CSP, HSTS, nosniff, no framing, no referrer', DESK_SITE_CSP);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', siteDistributionProps({ comment: 'motcua public desk site', bucket: this.bucket, logBucket, headersPolicy: this.headersPolicy }));
    this.url = `https://${this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      "The site is served on CloudFront's own domain (*.cloudfront.net) over HTTPS only, with the certificate CloudFront manages, for which a distribution cannot set its minimum TLS version; an agency that publishes it on its own domain adds an ACM certificate with TLSv1.2_2021.",
      'AwsSolutions-CFR4',
    );
    acknowledge(this.distribution, 'No geographic restriction: the site is public information for citizens and organisations wherever they are, Vietnamese abroad included.', 'AwsSolutions-CFR1');
    acknowledge(
      this.distribution,
      'No WAF web ACL: a CloudFront web ACL must live in us-east-1 (another stack); the site is static files only (GET and HEAD, no API, no form), cached at the edge. An agency that wants managed rules attaches a web ACL from us-east-1.',
      'AwsSolutions-CFR2',
    );

    deploySite(this, this.bucket, [s3deploy.Source.asset(props.siteDir)], "public desk site's build");

    new CfnOutput(this, 'Url', { key: 'DeskSiteUrl', description: 'The public desk site (offices, procedures, forms)', value: this.url });
  }
}
