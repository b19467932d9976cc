import type { Office } from '../offices/directory';

/** A message to a person: subject and plain text, in Vietnamese with full diacritics. */
export interface Notice {
  subject: string;
  text: string;
}

/**
 * People mistake the "result" of the procedure for the money the judgment awards (seed 000).
 * Every message to a requester says plainly what the result is.
 */
export const RESULT_IS_A_DECISION =
  'Lưu ý: Kết quả của thủ tục này là quyết định thi hành án do cơ quan thi hành án dân sự ban hành, ' +
  'không phải là khoản tiền hay tài sản mà Ông/Bà được nhận theo bản án. Việc thi hành để giao tiền, tài sản ' +
  'được tiến hành sau khi có quyết định thi hành án.';

export const salutation = (name?: string) => `Kính gửi Ông/Bà ${name?.trim() || ''}`.trimEnd() + ',';

export function signature(office: Office): string[] {
  return [
    'Trân trọng,',
    `Bộ phận một cửa - ${office.name}`,
    `Địa chỉ: ${office.address}`,
    ...(office.phone ? [`Điện thoại: ${office.phone}`] : []),
    `Thư điện tử: ${office.email}`,
    '',
    'Thư này được gửi tự động từ hệ thống một cửa điện tử; Ông/Bà có thể trả lời trực tiếp thư này.',
  ];
}
