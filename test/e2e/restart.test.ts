import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';

const PORT_BASE = 20900;
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Võ Thị Hạnh', address: 'vo.thi.hanh@example.com' };

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

async function restart(): Promise<void> {
  await t.stop();
  t = await startTestStack(PORT_BASE, t.dataDir);
}

describe('a restart of the local stack', () => {
  it('while a case waits for review: the resumed executions come to rest', async () => {
    const waiting = await drive.openCase({ from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 7/2026/DS-ST.' });
    await t.idle();
    await restart();
    await t.idle();
    expect((await t.cases.getCase(waiting.caseId))?.deadlines.review).toEqual(waiting.deadlines.review);
  });
});
