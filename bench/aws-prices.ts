/**
 * On-demand list prices (USD) used to turn measured operations into a cost estimate. They are
 * inputs, not facts of the code: check them against the AWS price pages of your region.
 * Figures: us-east-1 / ap-southeast-1 public prices as of 2026.
 */
export const AWS_PRICES = {
  stepFunctionsPerTransition: 0.025 / 1000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaPerGbSecondArm: 0.0000133334,
  dynamoDbPerWriteRequestUnit: 1.25 / 1_000_000,
  dynamoDbPerReadRequestUnit: 0.25 / 1_000_000,
  s3PerPut: 0.005 / 1000,
  s3PerGet: 0.0004 / 1000,
  sqsPerRequest: 0.4 / 1_000_000,
  sesPerOutboundMessage: 0.1 / 1000,
  sesPerInboundMessage: 0.1 / 1000,
} as const;
