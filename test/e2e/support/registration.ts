import { randomUUID } from 'node:crypto';

/** A request received by post, as the officer registers it (POST /registrations) with one uploaded scan; `extra` changes any field. */
export function postalRegistration(receivedAt: string, uploadId: string, extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `form-${randomUUID()}`,
    office: 'HCMKV1',
    channel: 'post',
    postmarkDate: receivedAt.slice(0, 10),
    receivedAt,
    procedure: 'enforcement-request',
    requester: { name: 'Lê Thị Hoa', postalAddress: 'Số 8 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh', phone: '0903 123 456' },
    summary: 'Yêu cầu thi hành Bản án số 41/2026/DS-ST ngày 02/10/2026 của Tòa án nhân dân khu vực 1.',
    documents: [{ uploadId, filename: 'Đơn yêu cầu thi hành án.pdf' }],
    ...extra,
  };
}
