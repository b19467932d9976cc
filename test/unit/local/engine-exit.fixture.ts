// Run as a child by local-step-functions.test.ts: an execution waits for its task token, the engine shuts
// down, and the process should then have nothing left to do (it says so, and exits by itself).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalClock } from '../../../local/clock';
import { FunctionRegistry, InProcessFunction } from '../../../local/lambda/in-process-function';
import { ExecutionStore } from '../../../local/stepfunctions/execution-store';
import { LocalStepFunctions } from '../../../local/stepfunctions/local-step-functions';

const FUNCTION_ARN = 'arn:aws:lambda:ap-southeast-1:000000000000:function:motcua-await';
let called = false;
const registry = new FunctionRegistry().add(new InProcessFunction('motcua-await', FUNCTION_ARN, async () => ({ handler: async () => { called = true; return null; } })));
const engine = new LocalStepFunctions(registry, new LocalClock(), new ExecutionStore(join(mkdtempSync(join(tmpdir(), 'motcua-exit-')), 'executions')), 'ap-southeast-1');
const arn = engine.register('Await', {
  StartAt: 'Wait for the step',
  States: {
    'Wait for the step': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: FUNCTION_ARN, Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 86_400,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report the failure' }],
      End: true,
    },
    'Report the failure': { Type: 'Pass', End: true },
  },
});
engine.start(arn, 'HCMKV1-2026-000009', '{}');
while (!called) await new Promise((resolve) => setTimeout(resolve, 10));
await engine.shutdown();
process.stdout.write('stopped\n');
