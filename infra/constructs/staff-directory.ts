import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/** The roles of the API (see shared/auth): officers, heads of office, auditors, admins. */
export const STAFF_GROUPS = {
  officer: 'Officers of the one-stop desk: read and act on the cases of their office',
  head: 'Heads of office: as officers, and reassign, export, receive escalations',
  auditor: 'Auditors and supervisors: read only, within the offices granted (custom:scope)',
  admin: 'Administrators: manage the configuration',
} as const;

export interface StaffDirectoryProps {
  /** The staff console's sign-in and sign-out URLs (config/security.json `staffSignIn`). */
  readonly signIn: { callbackUrls: string[]; logoutUrls: string[] };
}

/** Short-lived tokens: a stolen ID or access token is good for an hour at most; the refresh token is revocable. */
export const TOKEN_VALIDITY = { idAndAccess: Duration.hours(1), refresh: Duration.hours(12) };

/**
 * Who may use the staff API: a Cognito user pool with one group per role, and two attributes the
 * API reads from the ID token: custom:office (an officer's or head's office) and custom:scope (an
 * auditor's grant: office:<CODE>, province:<CODE> or all). Users never edit these themselves.
 */
export class StaffDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The token issuer the API checks, and whose JWKS it reads. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: StaffDirectoryProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are created by an admin for known staff; nobody signs up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: false }, fullname: { required: true, mutable: true } },
      customAttributes: {
        office: new cognito.StringAttribute({ minLen: 2, maxLen: 16, mutable: true }),
        scope: new cognito.StringAttribute({ minLen: 3, maxLen: 64, mutable: true }),
      },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'Threat protection (advanced security) needs the Cognito Plus plan, billed per user; staff accounts are created by an admin and TOTP MFA is required. An agency that wants it switches the pool to Plus.',
      'AwsSolutions-COG8',
    );

    for (const [groupName, description] of Object.entries(STAFF_GROUPS)) {
      new cognito.CfnUserPoolGroup(this, `Group-${groupName}`, { userPoolId: this.userPool.userPoolId, groupName, description });
    }

    // A public client (the staff console in a browser keeps no secret): the authorization code
    // flow only, which the console runs with PKCE; never the implicit flow, which hands tokens
    // over in the URL. Callback URLs come from configuration, never a placeholder.
    this.client = this.userPool.addClient('StaffClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.signIn.callbackUrls,
        logoutUrls: props.signIn.logoutUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: TOKEN_VALIDITY.idAndAccess,
      accessTokenValidity: TOKEN_VALIDITY.idAndAccess,
      refreshTokenValidity: TOKEN_VALIDITY.refresh,
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('office', 'scope'),
      // office and scope are granted by an admin, never written by the user through the client
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
