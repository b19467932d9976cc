import { DescribeExecutionCommand, ExecutionDoesNotExist, GetExecutionHistoryCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { FAILURE_REPORTER, type ExecutionStatus, type WorkflowExecutions } from './resume';

/** How far back the history is read for the last Task: an execution's tail is what matters. */
const HISTORY_PAGES = 5;

/** The case workflow's executions through the Step Functions API (AWS, or local/'s engine). */
export function sfnExecutions(sfn: SFNClient, stateMachineArn: string): WorkflowExecutions {
  const executionArn = (name: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  return {
    async status(name) {
      try {
        return (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(name) }))).status as ExecutionStatus;
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    },
    async lastTask(name) {
      let nextToken: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(name), reverseOrder: true, includeExecutionData: true, maxResults: 200, nextToken }));
        for (const event of history.events ?? []) {
          const entered = event.type === 'TaskStateEntered' ? event.stateEnteredEventDetails : undefined;
          if (!entered?.name || entered.name === FAILURE_REPORTER) continue;
          return { stateName: entered.name, input: JSON.parse(entered.input ?? '{}') as Record<string, unknown> };
        }
        nextToken = history.nextToken;
        if (!nextToken) break;
      }
      return undefined;
    },
    async start(name, input) {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    },
  };
}
