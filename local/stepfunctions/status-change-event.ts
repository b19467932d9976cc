import type { ExecutionRecord } from './execution-store';

/** The EventBridge event Step Functions emits when an execution ends (detail-type "Step Functions Execution Status Change"). */
export function executionStatusChange(record: ExecutionRecord, region: string, account: string) {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account,
    time: record.stopDate ?? new Date().toISOString(),
    region,
    resources: [record.executionArn],
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: new Date(record.startDate).getTime(),
      stopDate: record.stopDate ? new Date(record.stopDate).getTime() : null,
      input: record.input,
      output: record.output ?? null,
      error: record.error ?? null,
      cause: record.cause ?? null,
    },
  };
}
