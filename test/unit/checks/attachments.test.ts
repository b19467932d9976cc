import { describe, expect, it } from 'vitest';
import { classifyAttachments } from '../../../shared/checks/attachments';
import { jpeg, pdf } from './support';

const kinds = (files: Parameters<typeof classifyAttachments>[0]) => classifyAttachments(files).map((a) => [a.filename, a.kind, a.guessed]);

describe('what an attachment looks like from its name, type and size', () => {
  it('takes a PDF named as a judgment or decision for the judgment, with or without diacritics', () => {
    // Prepare
    const files = [pdf('Bản án số 12-2026-DS-ST.pdf'), pdf('ban an phuc tham.pdf'), pdf('QD 45.pdf'), pdf('BA.pdf'), pdf('Quyết định công nhận thỏa thuận.pdf')];

    // Act
    const classified = classifyAttachments(files);

    // Assess
    expect(classified.map((a) => a.kind)).toEqual(['judgment-pdf', 'judgment-pdf', 'judgment-pdf', 'judgment-pdf', 'judgment-pdf']);
    expect(classified[0]?.reason).toBe('PDF, tên tệp có số 12/2026/DS-ST: có thể là bản án, quyết định');
  });

  it('names the form, the identity card and the authorisation', () => {
    // Prepare
    const files = [
      { filename: 'Don yeu cau thi hanh an.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 18_000 },
      jpeg('Ảnh CCCD mặt trước.jpg'.normalize('NFD')),
      jpeg('cmnd mat sau.jpg'),
      pdf('Giấy ủy quyền.pdf'),
    ];

    // Act, Assess
    expect(kinds(files)).toEqual([
      ['Don yeu cau thi hanh an.docx', 'request-form', false],
      ['Ảnh CCCD mặt trước.jpg'.normalize('NFD'), 'id-document', false],
      ['cmnd mat sau.jpg', 'id-document', false],
      ['Giấy ủy quyền.pdf', 'other', false],
    ]);
  });

  it('takes phone photos named by the camera for pages of the judgment when no file is named as one, and says it is a guess', () => {
    // Prepare
    const files = [jpeg('IMG_4521.JPG'), jpeg('IMG_4522.JPG', 2_150_000)];

    // Act
    const classified = classifyAttachments(files);

    // Assess
    expect(classified.map((a) => [a.kind, a.guessed])).toEqual([
      ['judgment-photo', true],
      ['judgment-photo', true],
    ]);
    expect(classified[0]?.reason).toBe('Ảnh chụp, tên tệp không nói rõ: có thể là bản án — cần xem');
  });

  it('does not take a camera photo for the judgment when another file is named as it', () => {
    // Prepare
    const files = [pdf('Ban an 12-2026-DS-ST.pdf'), jpeg('IMG_4523.HEIC')];

    // Act, Assess
    expect(kinds(files)).toEqual([
      ['Ban an 12-2026-DS-ST.pdf', 'judgment-pdf', false],
      ['IMG_4523.HEIC', 'other', true],
    ]);
  });

  it('sets aside tiny images, the signature logos mail clients paste, unless the name says what they are', () => {
    // Prepare
    const files = [
      { filename: 'image001.png', contentType: 'image/png', size: 4_200 },
      { filename: 'ban an trang 1.jpg', contentType: 'image/jpeg', size: 9_000 },
    ];

    // Act
    const classified = classifyAttachments(files);

    // Assess
    expect(classified.map((a) => a.kind)).toEqual(['other', 'judgment-photo']);
    expect(classified[0]?.reason).toBe('Ảnh rất nhỏ (4 kB): có lẽ là chữ ký thư hoặc logo, không phải ảnh chụp giấy tờ');
  });

  it('goes by the extension when the client sent no useful type, and sets aside what is neither image, PDF nor Word', () => {
    // Prepare
    const files = [
      { filename: 'scan0001.pdf', contentType: 'application/octet-stream', size: 800_000 },
      { filename: 'ho so.zip', contentType: 'application/zip', size: 3_000_000 },
      { filename: 'trang 2.jpg', contentType: 'image/jpeg', size: 0 },
      { filename: 'van ban.docx', contentType: 'application/octet-stream', size: 20_000 },
    ];

    // Act
    const classified = classifyAttachments(files);

    // Assess
    expect(classified.map((a) => [a.kind, a.guessed])).toEqual([
      ['judgment-pdf', true],
      ['other', false],
      ['other', false],
      ['request-form', true],
    ]);
    expect(classified[1]?.reason).toBe('Không phải ảnh, PDF hay văn bản Word (application/zip)');
    expect(classified[2]?.reason).toBe('Tệp rỗng (0 byte): cần đề nghị gửi lại');
  });
});
