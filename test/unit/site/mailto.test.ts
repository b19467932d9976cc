import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../shared/checks/detect';
import { likelyProcedure } from '../../../shared/checks/likely-procedure';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { requestChecklist, requestMailto, requestSubject } from '../../../site/mailto';

/** What a mail client makes of a mailto: link (RFC 6068). */
function openMailto(href: string) {
  const url = new URL(href);
  expect(url.protocol).toBe('mailto:');
  return { to: decodeURIComponent(url.pathname), subject: url.searchParams.get('subject') ?? '', body: url.searchParams.get('body') ?? '' };
}

describe('the prepared e-mail of each procedure', () => {
  for (const procedure of procedureCatalog.procedures) {
    it(`${procedure.code}: its subject opens a case of that very procedure, with high confidence, by the desk's own recogniser`, () => {
      // Act: the checks read the subject of a message with an empty body.
      const likely = likelyProcedure(procedureCatalog, prepareText(requestSubject(procedure)), prepareText(''));

      // Assess
      expect(likely.code).toBe(procedure.code);
      expect(likely.confidence).toBe('high');
    });
  }

  it("goes to the office's own mailbox with the subject, and the checklist of the catalog in the body, CRLF-separated", () => {
    const office = officeDirectory.offices.find((o) => o.code === 'HCMKV2')!;
    const procedure = procedureCatalog.procedures.find((p) => p.code === 'enforcement-request')!;

    const mail = openMailto(requestMailto(office, procedure));

    expect(mail.to).toBe('kv2@hcm.thads.example');
    expect(mail.subject).toBe('Yêu cầu thi hành án');
    expect(mail.body.startsWith(`Kính gửi: ${office.name}\r\n`)).toBe(true);
    for (const label of requestChecklist(procedure)) expect(mail.body).toContain(`[ ] ${label}\r\n`);
    expect(mail.body).toContain('[ ] Thông tin về tài sản hoặc điều kiện thi hành án của người phải thi hành án (nếu có)\r\n');
    expect(mail.body).not.toMatch(/[^\r]\n/);
  });

  it('encodes what would break the link: & = ? # and spaces in the subject and body', () => {
    const office = officeDirectory.offices[0]!;
    const procedure = { ...procedureCatalog.procedures[0]!, requestName: 'yêu cầu A&B = C? #1' };

    const href = requestMailto(office, procedure);
    const mail = openMailto(href);

    expect(href).not.toContain(' ');
    expect(mail.subject).toBe('Yêu cầu A&B = C? #1');
    expect(mail.body).toContain('Tôi gửi yêu cầu A&B = C? #1 kèm theo thư này.');
  });
});
