import type { AuthenticationVerdicts } from '../../../shared/mail/inbound-message';
import type { AttachmentFacts, MessageFacts } from '../../../shared/checks/types';

/** What SES writes for an ordinary Gmail sender: everything passes. */
export const PASSING: AuthenticationVerdicts = { spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'PASS', virus: 'PASS' };

/** A message as the checks see it; a test changes only what it is about. */
export function message(facts: Partial<MessageFacts> & Pick<MessageFacts, 'subject' | 'text'>): MessageFacts {
  return { attachments: [], authentication: PASSING, from: { address: 'lethihoa.hcm@gmail.com', name: 'Lê Thị Hoa' }, ...facts };
}

export const pdf = (filename: string, size = 245_000): AttachmentFacts => ({ filename, contentType: 'application/pdf', size });
export const jpeg = (filename: string, size = 2_300_000): AttachmentFacts => ({ filename, contentType: 'image/jpeg', size });

/**
 * A complete request for enforcement typed into the e-mail, as the form of art. 31 lays it out: every
 * item the Law asks for, the judgment named, the date and "(đã ký)" under the requester's name.
 */
export const COMPLETE_REQUEST = [
  'Kính gửi: Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh',
  '',
  'ĐƠN YÊU CẦU THI HÀNH ÁN',
  '',
  'Họ và tên người yêu cầu: Lê Thị Hoa',
  'Địa chỉ: số 12 đường Nguyễn Trãi, phường Bến Thành, Thành phố Hồ Chí Minh',
  'Người được thi hành án: Lê Thị Hoa, địa chỉ như trên',
  'Người phải thi hành án: ông Phạm Văn Long',
  'Địa chỉ: số 8 đường Cách Mạng Tháng Tám, phường Tân Định, Thành phố Hồ Chí Minh',
  'Nội dung yêu cầu thi hành án: thi hành Bản án số 12/2026/DS-ST ngày 10/9/2026 của Tòa án nhân dân khu vực 1, buộc ông Phạm Văn Long trả cho tôi số tiền 120.000.000 đồng.',
  'Thông tin về tài sản của người phải thi hành án: ông Long có nhà đất tại số 8 đường Cách Mạng Tháng Tám.',
  '',
  'Thành phố Hồ Chí Minh, ngày 20 tháng 11 năm 2026',
  'Người yêu cầu',
  '(đã ký)',
  'Lê Thị Hoa',
].join('\n');
