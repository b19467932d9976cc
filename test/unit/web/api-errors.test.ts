import { describe, expect, it } from 'vitest';
import { ApiError, describeApiError, describeError } from '../../../web/src/api/errors';

describe('API errors as staff read them (web/src/api/errors)', () => {
  it('409: names the step the case waits for, never the JSON', () => {
    const text = describeApiError(409, { error: 'NotWaitingForAction', message: 'case X waits for decision, not review', caseId: 'X', action: 'review', step: 'review', waitingFor: 'decision' });
    expect(text).toBe('Chưa thể xem xét hồ sơ: hồ sơ đang chờ bước “ra quyết định thi hành án”.');
    expect(text).not.toMatch(/[{}]|NotWaitingForAction/);
  });

  it('409 with nothing awaited: says the case does not wait for staff', () => {
    expect(describeApiError(409, { error: 'NotWaitingForAction', message: '', action: 'handover', waitingFor: null })).toMatch(/^Chưa thể trả kết quả: hồ sơ hiện không chờ cán bộ thao tác/);
  });

  it('403 for another office: says the case is outside your office', () => {
    const body = { error: 'Forbidden', message: 'officer of HCMKV2 may not read cases of HCMKV1' };
    expect(describeApiError(403, body)).toBe('Hồ sơ này không thuộc cơ quan của bạn: bạn không được xem hoặc xử lý.');
  });

  it("403 outside an auditor's scope, and a decision by someone who is not the head", () => {
    expect(describeApiError(403, { error: 'Forbidden', message: 'auditor with scope office:HCMKV2 may not read cases of HCMKV1' })).toBe('Hồ sơ này nằm ngoài phạm vi kiểm tra được giao cho bạn.');
    expect(describeApiError(403, { error: 'Forbidden', message: 'decisions on cases of HCMKV1 belong to the head of HCMKV1 or a deputy' })).toMatch(/^Chỉ thủ trưởng/);
  });

  it("403 for an officer opening an office's dashboard: says who it is for and where the officer works", () => {
    const body = { error: 'Forbidden', message: 'the dashboard of an office is for its head and for auditors; an officer works from the work queue (GET /cases)' };
    expect(describeApiError(403, body)).toBe('Trang tổng quan dành cho thủ trưởng cơ quan và kiểm tra viên; cán bộ làm việc từ hàng đợi công việc.');
  });

  it('400: names the form fields the API named, in the forms’ words', () => {
    const body = { error: 'BadRequest', message: '…', issues: [{ path: 'legalBasis', message: 'Required' }, { path: 'missingItems.0', message: 'too short' }] };
    expect(describeApiError(400, body)).toBe('Thông tin chưa hợp lệ: xin kiểm tra lại Căn cứ pháp lý, Giấy tờ còn thiếu.');
  });

  it('a closed case, a network failure and a server error each get their own sentence', () => {
    expect(describeApiError(409, { error: 'Conflict', message: 'case X is closed: it cannot be reassigned' })).toBe('Hồ sơ đã kết thúc: không thể thay đổi nữa.');
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/^Không kết nối được/);
    expect(describeError(new ApiError(500, { error: 'InternalError', message: 'the request failed' }))).toMatch(/^Hệ thống đang gặp sự cố/);
    expect(describeApiError(401, undefined)).toMatch(/đăng nhập lại/);
  });
});

describe('report and export refusals', () => {
  it('asks for a scope when the report needs one office or province', () => {
    expect(describeApiError(400, { error: 'BadRequest', message: 'give office or province: the report covers one office or one province' })).toBe('Chọn phạm vi: một cơ quan hoặc một tỉnh/thành phố.');
  });
});
