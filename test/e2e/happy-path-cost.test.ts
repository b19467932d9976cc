import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { measureHappyPath, type HappyPathCost } from '../../bench/transitions';

/**
 * Budgets of issue 12, measured by running one request for enforcement through the local stack
 * (bench/transitions.ts, which `npm run bench` reports): counts, not timings.
 */
let t: TestStack;
let cost: HappyPathCost;

beforeAll(async () => {
  t = await startTestStack(21400);
  cost = await measureHappyPath(t.stack);
  console.log(`happy path: ${JSON.stringify(cost, null, 2)}`);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('the happy path of a request for enforcement, run on the local stack', () => {
  // 22 before the receipt and its notices became one Task, the appointment's booking and its notice another, and the visit's record and the receipt slip a third.
  it('takes at most 19 billed state transitions, receipt to hand-over (reminder included; the copy to the procuracy goes in the daily dispatch, outside the workflow)', () => {
    expect(cost.transitionsByState['EnforcementRequest/Record receipt']).toBe(1); // the path ran as described
    expect(cost.transitionsByState['EnforcementRequest/Book the appointment']).toBe(1);
    expect(cost.transitionsByState['EnforcementRequest/Remind the requester']).toBe(1);
    expect(cost.transitionsByState['EnforcementRequest/Record the visit']).toBe(1);
    expect(cost.happyPathStateTransitions).toBeLessThanOrEqual(19);
  });

  // Issue 12 asks for 8. Measured 31 before the first budget, then 18, then 15; now 8: intake 3 (the message's record,
  // its register's serial and the requester's count of cases in one read, the reservation, the opening), receipt and
  // checks 2 (the case with its timeline, one write: a first request does not look for the requester's other cases),
  // the two notices 2 (in the receipt's Task, from the case it wrote: one transaction claims both and stores the acknowledgement's
  // link token, one records both) and the review's wait 1 (from the case as the notices left it). The budget holds that.
  it('makes at most 8 DynamoDB calls from the new mail to the wait for the review', () => {
    expect(cost.dynamoDbCallsUpToReview.total).toBeGreaterThan(0);
    expect(cost.dynamoDbCallsUpToReview.total).toBeLessThanOrEqual(8);
  });

  // A returning requester's receipt looks for their other cases: their index, then each case (here one, closed).
  it('makes at most 10 for a second request of the same requester, and passes along a case well within a state', () => {
    expect(cost.dynamoDbCallsUpToReviewReturning.total).toBeLessThanOrEqual(10);
    expect(cost.reviewWaitInputBytes).toBeGreaterThan(1_000); // the case went along
    expect(cost.reviewWaitInputBytes).toBeLessThan(32 * 1024); // Step Functions allows 256 KB a state
  });
});
