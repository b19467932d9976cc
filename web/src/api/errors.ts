import { stepName } from '../format';

/**
 * What the API answered, in words staff understand: never raw JSON. The API's own message is
 * English and for logs; the console says what happened and what to do in Vietnamese.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API ${status}`);
  }
}

const ACTION_NAMES: Record<string, string> = {
  review: 'xem xét hồ sơ',
  visit: 'ghi nhận người yêu cầu đến',
  decision: 'ghi nhận quyết định',
  handover: 'trả kết quả',
  register: 'thụ lý đơn',
  answer: 'trả lời câu hỏi, phản ánh',
  reassign: 'giao lại hồ sơ',
  'confirm-sender': 'xác nhận người gửi',
  delay: 'ghi nhận chậm trả kết quả',
  resume: 'tiếp tục quy trình',
};

/** The form fields the API names in `issues`, as the forms label them. */
const FIELD_NAMES: Record<string, string> = {
  missingItems: 'Giấy tờ còn thiếu',
  reason: 'Lý do',
  legalBasis: 'Căn cứ pháp lý',
  referTo: 'Cơ quan có thẩm quyền',
  number: 'Số quyết định',
  date: 'Ngày quyết định',
  signer: 'Người ký',
  pdfBase64: 'Tệp quyết định (PDF)',
  newDate: 'Ngày trả kết quả mới',
  note: 'Ghi chú',
  answer: 'Nội dung trả lời',
  method: 'Hình thức trả kết quả',
  assignee: 'Cán bộ được giao',
  period: 'Kỳ',
  receivedFrom: 'Nhận từ ngày',
  receivedTo: 'Đến ngày',
  receivedAt: 'Ngày giờ nhận',
  postmarkDate: 'Ngày dấu bưu điện',
  requester: 'Thông tin người yêu cầu',
  documents: 'Bản quét',
  summary: 'Nội dung yêu cầu',
  procedure: 'Thủ tục',
  contentType: 'Loại tệp',
  size: 'Dung lượng tệp',
};

type Body = { error?: string; message?: string; action?: string; waitingFor?: string | null; issues?: Array<{ path: string; message: string }> };

/** One Vietnamese sentence (or two) for a failed call. */
export function describeApiError(status: number, raw: unknown): string {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Body;
  const message = typeof body.message === 'string' ? body.message : '';
  switch (status) {
    case 400: {
      if (/without Vietnamese diacritics/.test(message)) return 'Nội dung trả lời cần viết bằng tiếng Việt có dấu: thư được gửi cho người hỏi dưới tên của cơ quan.';
      if (/is in the future/.test(message)) return 'Ngày giờ nhận không được sau thời điểm hiện tại.';
      if (/days ago: check|days before the receipt/.test(message)) return 'Ngày nhận hoặc ngày dấu bưu điện đã quá 30 ngày: xin kiểm tra lại ngày, tháng, năm.';
      if (/postmark .* is after the receipt/.test(message)) return 'Ngày dấu bưu điện không được sau ngày nhận.';
      if (/neither a PDF nor/.test(message)) return 'Bản quét phải là tệp PDF hoặc ảnh (JPEG, PNG, WebP).';
      if (/at most 10 MB|MB; a scan is at most/.test(message)) return 'Mỗi bản quét tối đa 10 MB.';
      if (/give office or province/.test(message)) return 'Chọn phạm vi: một cơ quan hoặc một tỉnh/thành phố.';
      if (/period/.test(message) && !(body.issues ?? []).length) return 'Kỳ báo cáo không hợp lệ với cách tính kỳ đã chọn: xin chọn kỳ khác.';
      const fields = [...new Set((body.issues ?? []).map((i) => FIELD_NAMES[i.path.split('.')[0] ?? ''] ?? undefined).filter(Boolean))];
      return fields.length ? `Thông tin chưa hợp lệ: xin kiểm tra lại ${fields.join(', ')}.` : 'Thông tin gửi lên chưa hợp lệ: xin kiểm tra lại các ô đã nhập.';
    }
    case 401:
      return 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Xin đăng nhập lại.';
    case 403:
      if (/decisions? on cases/.test(message)) return 'Chỉ thủ trưởng cơ quan của hồ sơ (hoặc cấp phó được ủy quyền) mới được ghi nhận quyết định.';
      if (/dashboard of an office is for its head/.test(message)) return 'Trang tổng quan dành cho thủ trưởng cơ quan và kiểm tra viên; cán bộ làm việc từ hàng đợi công việc.';
      if (/auditor with scope/.test(message)) return 'Hồ sơ này nằm ngoài phạm vi kiểm tra được giao cho bạn.';
      if (/ of [A-Z][A-Z0-9]+ may not /.test(message)) return 'Hồ sơ này không thuộc cơ quan của bạn: bạn không được xem hoặc xử lý.';
      return 'Bạn không có quyền thực hiện việc này với vai trò hiện tại.';
    case 404:
      return 'Không tìm thấy hồ sơ (hoặc tài liệu) này. Xin kiểm tra lại mã hồ sơ.';
    case 409: {
      if (body.error === 'NotWaitingForAction') {
        const action = ACTION_NAMES[body.action ?? ''] ?? 'thao tác này';
        return body.waitingFor
          ? `Chưa thể ${action}: hồ sơ đang chờ bước “${stepName(body.waitingFor)}”.`
          : `Chưa thể ${action}: hồ sơ hiện không chờ cán bộ thao tác (đã kết thúc hoặc đang được hệ thống xử lý). Xin tải lại trang.`;
      }
      if (/idempotency key/.test(message)) return 'Biểu mẫu này đã được dùng để tiếp nhận một hồ sơ khác: xin mở lại trang tiếp nhận để nhập hồ sơ mới.';
      if (/closed/.test(message)) return 'Hồ sơ đã kết thúc: không thể thay đổi nữa.';
      if (/a delay letter/.test(message)) return 'Văn bản xin lỗi và gia hạn chỉ dùng khi hồ sơ đang chờ kết quả (ra quyết định hoặc thụ lý đơn).';
      if (/the deadline of .+ passed/.test(message)) return 'Thời hạn đã qua: văn bản xin lỗi và gia hạn được hệ thống gửi tự động.';
      if (/running/.test(message)) return 'Quy trình của hồ sơ đang chạy: không cần tiếp tục lại.';
      if (/not held|already confirmed/.test(message)) return 'Người gửi không bị tạm giữ hoặc đã được xác nhận trước đó.';
      return 'Trạng thái hồ sơ vừa thay đổi nên chưa thực hiện được. Xin tải lại trang để xem trạng thái mới.';
    }
    case 413:
      return 'Tệp quá lớn (tối đa 4 MB).';
    case 0:
      return 'Không kết nối được tới máy chủ. Xin kiểm tra mạng và thử lại.';
    default:
      return status >= 500 ? 'Hệ thống đang gặp sự cố, chưa thực hiện được. Xin thử lại sau ít phút.' : `Yêu cầu không thực hiện được (mã ${status}).`;
  }
}

export const describeError = (error: unknown): string =>
  error instanceof ApiError ? describeApiError(error.status, error.body) : error instanceof TypeError ? describeApiError(0, undefined) : 'Đã xảy ra lỗi không mong đợi. Xin tải lại trang.';
