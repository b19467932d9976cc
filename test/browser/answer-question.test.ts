import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDriver } from '../e2e/support/lifecycle';
import { startConsole, type ConsoleUnderTest } from './support/console';
import { actionForm, openFromQueue, reloadCase } from './support/desk';

/** Issue 11: an officer answers a citizen's question from the console; the answer goes to the sender as a letter. */
let c: ConsoleUnderTest;
const drive = lifecycleDriver(() => c.t);

beforeAll(async () => {
  c = await startConsole(21920);
});

afterAll(async () => {
  await c?.stop();
});

const citizen = { name: 'Đặng Thị Thu', address: 'dang.thi.thu@example.com' };
const ANSWER = 'Phí thi hành án được tính theo số tiền, giá trị tài sản thực nhận, theo biểu phí do Bộ Tài chính quy định; Bà không phải nộp phí khi gửi đơn yêu cầu.';

describe('answering a question in the console', () => {
  it('offers the answer form only on a question, refuses an answer without diacritics, and sends the letter', async () => {
    // Prepare: a question and a request for enforcement, both waiting in the queue
    const question = await drive.openCase({ from: citizen, to: 'kv1@hcm.thads.example', subject: 'Thắc mắc về phí thi hành án', text: 'Cho tôi hỏi phí thi hành án được tính thế nào ạ? Tôi có phải nộp phí khi gửi đơn không?' }, 'answer');
    const request = await drive.openCase({ from: { name: 'Hồ Văn Nam', address: 'ho.van.nam@example.com' }, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 61/2026/DS-ST.' });
    const officer = await c.signIn({ role: 'officer', office: 'HCMKV1', name: 'Đỗ Thị Mai' });

    // Act, Assess: the request offers the review, not an answer
    await openFromQueue(officer, request.caseId);
    await actionForm(officer, 'Xem xét hồ sơ').waitFor();
    expect(await actionForm(officer, 'Trả lời câu hỏi, phản ánh, kiến nghị').count()).toBe(0);

    // the question offers the answer, and neither the review nor a withdrawal
    await openFromQueue(officer, question.caseId);
    const form = actionForm(officer, 'Trả lời câu hỏi, phản ánh, kiến nghị');
    await form.waitFor();
    expect(await actionForm(officer, 'Xem xét hồ sơ').count()).toBe(0);
    expect(await officer.getByRole('form', { name: /rút yêu cầu/i }).count()).toBe(0);

    // typed without diacritics: refused, saying why, and nothing is sent
    await form.getByLabel('Nội dung trả lời').fill('Phi thi hanh an duoc tinh theo so tien thuc nhan, ba khong phai nop phi khi gui don.');
    await form.getByRole('button', { name: 'Gửi thư trả lời' }).click();
    await form.getByRole('alert').filter({ hasText: 'tiếng Việt có dấu' }).waitFor();
    expect((await c.t.cases.getCase(question.caseId))?.status).toBe('awaiting-answer');

    await form.getByLabel('Nội dung trả lời').fill(ANSWER);
    await form.getByRole('button', { name: 'Gửi thư trả lời' }).click();
    await form.getByText('Đã ghi nhận câu trả lời').waitFor();

    const letter = await drive.mail(question.caseId, citizen.address, 'Trả lời câu hỏi, phản ánh, kiến nghị');
    expect(letter.body.text).toContain(ANSWER);
    expect(letter.body.text).toContain('Công chức trả lời: Đỗ Thị Mai.');
    expect((await drive.closed(question.caseId)).closure?.reason).toBe('answered');
    await reloadCase(officer, question.caseId);
    await officer.getByText('Hồ sơ đã kết thúc: không còn thao tác.').waitFor();
    expect(c.pageErrors).toEqual([]);
  });
});
