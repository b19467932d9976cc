import { existsSync } from 'node:fs';
import path from 'node:path';
import { Aws, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { fromProjectRoot } from '../paths';
import { cloudFrontLogBucket, deploySite, securityHeadersPolicy, siteBucket, siteDistributionProps } from './static-site';
import { TOKEN_VALIDITY } from './staff-directory';
import { CITIZEN_PAGES } from '../../shared/citizen/access-token';

/** Where `npm run build:web` puts the staff console's static files. */
export const CONSOLE_BUILD_DIR = fromProjectRoot('web', 'dist');

/** The path the console's API calls take on its own origin; CloudFront sends them to the HTTP API without it. */
export const CONSOLE_API_BASE = '/api';

/** Where Cognito's hosted login sends the officer back (the console's route that completes the code exchange), and where logout lands. */
export const CONSOLE_CALLBACK_PATH = '/dang-nhap/xong';
export const CONSOLE_LOGOUT_PATH = '/';

export const CONSOLE_SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/**
 * The built console, or a clear refusal: a deployment never ships a console that was not built
 * (tests give a placeholder directory explicitly).
 */
export function builtConsoleDir(dir = CONSOLE_BUILD_DIR): string {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`the staff console is not built (${path.relative(fromProjectRoot(), dir)}/index.html is missing): run npm run build:web before cdk synth or deploy`);
  }
  return dir;
}

/**
 * What the console reads from /config.json at start (web/src/config.ts): where the API is and how
 * staff sign in. Deployed beside the SPA, so one build serves any stack.
 */
export interface ConsoleConfig {
  apiBase: string;
  auth: { mode: 'cognito'; domain: string; clientId: string; region: string; userPoolId: string; scope: string };
}

/**
 * The response headers of every answer of the console's origin (the SPA and /api alike). The
 * console loads only its own scripts and styles, calls only its origin (the API under /api) and
 * Cognito's login domain, and shows the case's files (PDF, images) through the documents bucket's
 * short-lived signed links; it is never framed.
 */
export function contentSecurityPolicy(loginOrigin: string, documentsOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${documentsOrigin}`,
    "font-src 'self'",
    `connect-src 'self' ${loginOrigin} ${documentsOrigin}`,
    `frame-src 'self' blob: ${documentsOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${loginOrigin}`,
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * A CloudFront Function (viewer request) for the SPA's files: a path without a file extension is
 * one of the console's pages, answered with index.html (the SPA routes it); /config.json and the
 * built assets are served as they are. The citizen's pages (/trang-thai, /danh-gia) are their own small
 * HTML entries of the same build, never the console's index.html. The /api behaviour does not run it, so an API 404 stays a 404.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (${JSON.stringify(Object.values(CITIZEN_PAGES))}.indexOf(request.uri) !== -1) request.uri = request.uri + '.html';
  else if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** A CloudFront Function (viewer request) for /api/*: the HTTP API's routes have no /api prefix. */
const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}`;

export interface StaffConsoleProps {
  /** The staff API, served under /api on the console's origin. */
  readonly httpApi: apigw.IHttpApi;
  /** The staff directory: the console's app client and hosted login are added to it. */
  readonly userPool: cognito.UserPool;
  /** The documents bucket: the console shows attachments through its signed links. */
  readonly documentsBucket: s3.IBucket;
  readonly accessLogsBucket: s3.IBucket;
  /** The built SPA (web/dist, `npm run build:web`); tests give a placeholder. */
  readonly siteDir: string;
}

/**
 * The staff console on AWS: the SPA's files in a private bucket, served by CloudFront through
 * origin access control over TLS with security headers; the HTTP API on the same origin under
 * /api (never cached, the Authorization header passed through); and a public app client of the
 * staff directory that signs in on Cognito's managed login with the authorization code flow (the
 * console adds PKCE), back to the console's own address.
 */
export class StaffConsole extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly headersPolicy: cloudfront.ResponseHeadersPolicy;
  /** https://<distribution>.cloudfront.net */
  readonly url: string;
  readonly config: ConsoleConfig;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    this.bucket = siteBucket(this, props.accessLogsBucket, 'console');
    const logBucket = cloudFrontLogBucket(this, props.accessLogsBucket, 'console');

    // The hosted login (managed login) on a Cognito domain; the account id keeps the prefix unique.
    this.domain = props.userPool.addDomain('ConsoleLogin', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['motcua-staff', Aws.ACCOUNT_ID]) },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const loginOrigin = this.domain.baseUrl();
    const documentsOrigin = `https://${props.documentsBucket.bucketRegionalDomainName}`;

    this.headersPolicy = securityHeadersPolicy(this, 'motcua staff console: CSP, HSTS, nosniff, no framing, no referrer', contentSecurityPolicy(loginOrigin, documentsOrigin));

    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      code: cloudfront.FunctionCode.fromInline(SPA_FALLBACK),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'console pages (no file extension) are answered with index.html',
    });
    const stripApiPrefix = new cloudfront.Function(this, 'StripApiPrefix', {
      code: cloudfront.FunctionCode.fromInline(STRIP_API_PREFIX),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: '/api/<route> reaches the HTTP API as /<route>',
    });

    // https://<id>.execute-api.<region>.amazonaws.com -> the host name
    const apiHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      ...siteDistributionProps(
        { comment: 'motcua staff console', bucket: this.bucket, logBucket, headersPolicy: this.headersPolicy },
        { functionAssociations: [{ function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }] },
      ),
      additionalBehaviors: {
        [`${CONSOLE_API_BASE}/*`]: {
          origin: new origins.HttpOrigin(apiHost, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Answers are per caller and per moment: never cached. Every viewer header but Host goes to the API (Authorization with it).
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headersPolicy,
          functionAssociations: [{ function: stripApiPrefix, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      "The console is served on CloudFront's own domain (*.cloudfront.net) over HTTPS only, with the certificate CloudFront manages, for which a distribution cannot set its minimum TLS version; an agency that gives the console its own domain adds an ACM certificate with TLSv1.2_2021.",
      'AwsSolutions-CFR4',
    );
    acknowledge(
      this.distribution,
      'No geographic restriction: officers and auditors work from offices and on mission across the country and abroad; every page needs a staff login with TOTP MFA.',
      'AwsSolutions-CFR1',
    );
    acknowledge(
      this.distribution,
      'No WAF web ACL: a CloudFront web ACL must live in us-east-1 (another stack); the console serves static files and an API that API Gateway throttles (50 rps) and that refuses every request without a valid staff token. An agency that wants managed rules attaches a web ACL from us-east-1.',
      'AwsSolutions-CFR2',
    );

    // A public client: the console keeps no secret; the authorization code flow only (with PKCE), never implicit.
    this.client = props.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: CONSOLE_SCOPES,
        callbackUrls: [`${this.url}${CONSOLE_CALLBACK_PATH}`],
        logoutUrls: [`${this.url}${CONSOLE_LOGOUT_PATH}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: TOKEN_VALIDITY.idAndAccess,
      accessTokenValidity: TOKEN_VALIDITY.idAndAccess,
      refreshTokenValidity: TOKEN_VALIDITY.refresh,
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('office', 'scope'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // Managed login shows Cognito's own look for this client (a branding is what enables the newer managed login).
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.config = {
      apiBase: CONSOLE_API_BASE,
      auth: {
        mode: 'cognito',
        // The login domain's host name (baseUrl() without https://).
        domain: `${this.domain.domainName}.auth.${region}.amazoncognito.com`,
        clientId: this.client.userPoolClientId,
        region,
        userPoolId: props.userPool.userPoolId,
        scope: CONSOLE_SCOPES.map((s) => s.scopeName).join(' '),
      },
    };

    deploySite(this, this.bucket, [s3deploy.Source.asset(props.siteDir), s3deploy.Source.jsonData('config.json', this.config)], "console's build");

    new CfnOutput(this, 'Url', { key: 'ConsoleUrl', description: 'The staff console (sign in with a staff account of the user pool)', value: this.url });
    new CfnOutput(this, 'LoginDomain', { key: 'ConsoleLoginDomain', description: "Cognito's managed login for the console", value: loginOrigin });
    new CfnOutput(this, 'ClientId', { key: 'ConsoleClientId', description: "The console's app client (authorization code with PKCE, no secret)", value: this.client.userPoolClientId });
  }
}
