/**
 * On-demand list prices (USD) in Asia Pacific (Singapore), ap-southeast-1, the region the stack is
 * priced for (the nearest to Vietnam; check that it receives e-mail, infra/README.md). Free tiers
 * are ignored: the figures are what a case costs at the margin. Recorded 2026-12-02; every value
 * is marked `verify: true` because this machine cannot open the price pages: check each against
 * its page before quoting a figure to the agency. DynamoDB's on-demand prices were halved on
 * 2024-11-01; the values below are after that cut.
 */
export interface Price {
  usd: number;
  per: string;
  source: string;
  verify: true;
}

const price = (usd: number, per: string, source: string): Price => ({ usd, per, source, verify: true });

export const PRICES_REGION = 'ap-southeast-1';
export const PRICES_RECORDED = '2026-12-02';

export const AWS_PRICE_LIST = {
  sesInboundMessage: price(0.1 / 1000, 'message received', 'https://aws.amazon.com/ses/pricing/ (inbound: $0.10 per 1,000 emails)'),
  sesInboundChunk: price(0.09 / 1000, '256 KB chunk received', 'https://aws.amazon.com/ses/pricing/ (inbound: $0.09 per 1,000 incoming mail chunks)'),
  sesOutboundMessage: price(0.1 / 1000, 'message sent', 'https://aws.amazon.com/ses/pricing/ (outbound: $0.10 per 1,000 emails)'),
  sesOutboundAttachmentGb: price(0.12, 'GB of attachments sent', 'https://aws.amazon.com/ses/pricing/ ($0.12 per GB of attachments)'),
  s3Put: price(0.005 / 1000, 'PUT/COPY/POST/LIST request', 'https://aws.amazon.com/s3/pricing/ (S3 Standard, Singapore)'),
  s3Get: price(0.0004 / 1000, 'GET/SELECT request', 'https://aws.amazon.com/s3/pricing/ (S3 Standard, Singapore)'),
  s3StorageGbMonth: price(0.025, 'GB-month stored', 'https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB, Singapore)'),
  sqsRequest: price(0.4 / 1_000_000, 'request (64 KB chunk)', 'https://aws.amazon.com/sqs/pricing/ (standard queue)'),
  lambdaRequest: price(0.2 / 1_000_000, 'invocation', 'https://aws.amazon.com/lambda/pricing/'),
  lambdaGbSecondArm: price(0.0000133334, 'GB-second (arm64)', 'https://aws.amazon.com/lambda/pricing/ (Arm, first 7.5 billion GB-s)'),
  stepFunctionsTransition: price(0.025 / 1000, 'state transition (Standard)', 'https://aws.amazon.com/step-functions/pricing/'),
  dynamoDbWriteRequestUnit: price(0.7125 / 1_000_000, 'write request unit (on-demand)', 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (Singapore)'),
  dynamoDbReadRequestUnit: price(0.1425 / 1_000_000, 'read request unit (on-demand)', 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (Singapore)'),
  dynamoDbStorageGbMonth: price(0.285, 'GB-month stored', 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (Singapore, Standard table class)'),
  cloudWatchLogsIngestedGb: price(0.7, 'GB ingested', 'https://aws.amazon.com/cloudwatch/pricing/ (Logs, standard, Singapore)'),
  xrayTraceRecorded: price(5 / 1_000_000, 'trace recorded', 'https://aws.amazon.com/xray/pricing/'),
} as const;
