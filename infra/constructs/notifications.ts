import { CfnOutput } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { OfficeDirectory } from '../../shared/offices/directory';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { grantTableUse } from '../table-access';
import { citizenConfig } from '../../shared/citizen/citizen-config';
import { CAPACITY } from '../capacity';

export interface NotificationsProps {
  /** Supplies the agency mail domain (the SES identity) and the one sender address. */
  readonly directory: OfficeDirectory;
  readonly table: dynamodb.ITable;
  readonly documentsBucket: s3.IBucket;
}

/**
 * Outbound e-mail: the agency's domain identity in SES (DKIM-signed) and the notify function,
 * which may send only from the agency's sender address.
 */
export class Notifications extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly notifyFunction: AppFunction;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { mailDomain, senderAddress } = props.directory.agency;

    this.identity = new ses.EmailIdentity(this, 'AgencyDomain', {
      identity: ses.Identity.domain(mailDomain),
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });

    this.notifyFunction = new AppFunction(this, 'NotifyFunction', {
      service: 'notify',
      description: 'Sends the e-mails of a case step (acknowledgement, guidance, appointment, decision), and records the receipt they follow',
      environment: {
        TABLE_NAME: props.table.tableName,
        DOCUMENTS_BUCKET: props.documentsBucket.bucketName,
        SENDER_ADDRESS: senderAddress,
        // Where the links of the acknowledgement (case status) and final letters (survey) point: config/citizen.json.
        PUBLIC_BASE_URL: citizenConfig.publicBaseUrl,
      },
      // It renders the apology letter (form 04), a PDF with Vietnamese letters.
      documentFonts: true,
    });
    // Sending stays within SES's sending rate: more notices at once are throttled and retried with back-off (infra/capacity.ts).
    (this.notifyFunction.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = CAPACITY.notifyReservedConcurrency;
    // Reads the case; claims each message it sends (notices sent together: in one transaction, while the case is at
    // the lastSeq they were composed from, a condition check), marks it sent, releases a claim whose attempt failed,
    // and records it with the case change. It also runs the steps its notices always follow (functions/commons/
    // notice-steps.ts): the appointment book reads a session's reservations in batches, and a move releases one. The
    // workflow's `Record receipt` runs here too, with the acknowledgement and the desk's notice (shared/workflow/
    // receipt-notices.ts): it reads the case and the requester's other cases and writes the case in one transaction.
    grantTableUse(props.table, this.notifyFunction, 'read', 'batch-read', 'put', 'update', 'delete', 'condition-check');
    props.documentsBucket.grantRead(this.notifyFunction);
    // The receipt slip (form 01) that recording the visit produces, kept with the case before it is sent, and the
    // letters it prints for the post: only under cases/ (cases/<id>/documents, cases/<id>/letters). It deletes none.
    props.documentsBucket.grantPut(this.notifyFunction, 'cases/*');
    // Like EmailIdentity.grantSendEmail, plus ses:FromAddress: the domain identity would
    // otherwise let the function send as any address of the agency.
    this.notifyFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );

    acknowledge(
      this.notifyFunction,
      'Object-level read from Bucket.grantRead (attachments are keyed per case), writes under cases/ from Bucket.grantPut (s3:Abort* ends its own multipart uploads), and index queries.',
      iam5(`Resource::${nagRef(props.documentsBucket)}/*`),
      iam5(`Resource::${nagRef(props.documentsBucket)}/cases/*`),
      iam5(`Resource::${nagRef(props.table)}/index/*`),
      iam5('Action::s3:GetObject*'),
      iam5('Action::s3:GetBucket*'),
      iam5('Action::s3:List*'),
      iam5('Action::s3:Abort*'),
    );

    // The DNS records an operator publishes once (see infra/README.md).
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        key: `DkimRecord${i + 1}`,
        description: `DKIM CNAME ${i + 1} of 3 for ${mailDomain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /**
   * Lets another function ask notify for a notice (the API releasing a held acknowledgement,
   * intake telling the desk), so that notify alone sends mail: that function only, not its
   * versions (Function.grantInvoke would add `<arn>:*`), named by NOTIFY_FUNCTION_NAME.
   */
  allowToAskForNotices(fn: AppFunction): void {
    fn.addEnvironment('NOTIFY_FUNCTION_NAME', this.notifyFunction.functionName);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.notifyFunction.functionArn] }));
  }
}
