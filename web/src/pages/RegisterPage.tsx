import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { must } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { ErrorMessage, Section } from '../components/common';
import { parseVietnameseDate } from '../format';

/** What a scan may be, as the API takes it (shared/staff/registration-contract.ts SCAN_TYPES, MAX_SCAN_BYTES). */
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
type ScanType = (typeof SCAN_TYPES)[number];
const MAX_SCAN_MB = 10;

/** A problem the officer can fix in the form, said in Vietnamese before anything is sent. */
class FormProblem extends Error {}

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}

/**
 * Tiếp nhận hồ sơ: a request that came by post or was handed in at the desk, registered with its scans.
 * The scans go straight to storage through the links the API signs; the registration then opens the case
 * (once per form, whatever the number of clicks: the form's key) and the officer lands on it.
 */
export function RegisterPage() {
  const { api, identity, reference } = useApp();
  const navigate = useNavigate();
  // One key per form: a double click or a retry registers the same request once.
  const [idempotencyKey] = useState(() => `form-${crypto.randomUUID()}`);
  const [channel, setChannel] = useState<'post' | 'desk'>('post');
  const [postmark, setPostmark] = useState('');
  const [receivedDay, setReceivedDay] = useState('');
  const [receivedTime, setReceivedTime] = useState('');
  const [procedure, setProcedure] = useState('enforcement-request');
  const [name, setName] = useState('');
  const [postalAddress, setPostalAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [summary, setSummary] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const office = identity.office;

  async function uploadScan(file: File): Promise<{ uploadId: string; filename: string }> {
    const link = await must(api.POST('/uploads', { body: { office: office!, filename: file.name, contentType: file.type as ScanType, size: file.size } }));
    const put = await fetch(link.url, { method: 'PUT', headers: link.headers, body: file });
    if (!put.ok) throw new FormProblem(`Tải bản quét “${file.name}” lên không thành công (mã ${put.status}). Xin thử lại.`);
    return { uploadId: link.uploadId, filename: file.name };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    try {
      if (!office) throw new FormProblem('Tài khoản của bạn không gắn với cơ quan nào: không thể tiếp nhận hồ sơ.');
      const day = parseVietnameseDate(receivedDay);
      if (!day) throw new FormProblem('Nhập ngày nhận theo dạng dd/mm/yyyy, ví dụ 01/12/2026.');
      if (!/^\d{2}:\d{2}$/.test(receivedTime)) throw new FormProblem('Nhập giờ nhận (giờ:phút).');
      const postmarkDate = channel === 'post' ? parseVietnameseDate(postmark) : undefined;
      if (channel === 'post' && !postmarkDate) throw new FormProblem('Nhập ngày dấu bưu điện theo dạng dd/mm/yyyy.');
      if (!files.length) throw new FormProblem('Chọn ít nhất một bản quét của đơn (PDF hoặc ảnh).');
      const wrong = files.find((f) => !(SCAN_TYPES as readonly string[]).includes(f.type));
      if (wrong) throw new FormProblem(`Tệp “${wrong.name}” không phải PDF hoặc ảnh (JPEG, PNG, WebP).`);
      const large = files.find((f) => f.size > MAX_SCAN_MB * 1024 * 1024);
      if (large) throw new FormProblem(`Tệp “${large.name}” lớn hơn ${MAX_SCAN_MB} MB.`);
      setBusy('Đang tải bản quét lên…');
      const documents = [];
      for (const file of files) documents.push(await uploadScan(file));
      setBusy('Đang tiếp nhận hồ sơ…');
      const registered = await must(
        api.POST('/registrations', {
          body: {
            idempotencyKey,
            office,
            channel,
            ...(postmarkDate ? { postmarkDate } : {}),
            receivedAt: `${day}T${receivedTime}:00+07:00`,
            procedure: procedure as never,
            requester: { name: name.trim(), postalAddress: postalAddress.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
            ...(summary.trim() ? { summary: summary.trim() } : {}),
            documents,
          },
        }),
      );
      navigate(`/ho-so/${encodeURIComponent(registered.caseId)}`);
    } catch (e) {
      setError(e instanceof FormProblem ? e.message : describeError(e));
      setBusy(undefined);
    }
  }

  return (
    <>
      <h1>Tiếp nhận hồ sơ qua bưu điện hoặc tại Bộ phận một cửa</h1>
      <p className="muted">Hồ sơ được tính thời hạn từ ngày giờ cơ quan thực nhận đơn (áp dụng mốc 15:00 và ngày làm việc như hồ sơ gửi qua thư điện tử).</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby="tiep-nhan-loi">
        <Section title="Cách nhận đơn" id="cach-nhan">
          <fieldset>
            <legend>Hình thức nhận</legend>
            <label>
              <input type="radio" name="channel" value="post" checked={channel === 'post'} onChange={() => setChannel('post')} /> Qua bưu điện
            </label>
            <label>
              <input type="radio" name="channel" value="desk" checked={channel === 'desk'} onChange={() => setChannel('desk')} /> Nộp trực tiếp tại Bộ phận một cửa
            </label>
          </fieldset>
          {channel === 'post' && (
            <Field label="Ngày dấu bưu điện (dd/mm/yyyy)">{(id) => <input id={id} value={postmark} onChange={(e) => setPostmark(e.target.value)} placeholder="dd/mm/yyyy" inputMode="numeric" />}</Field>
          )}
          <Field label="Ngày nhận (dd/mm/yyyy)" hint="Ngày cơ quan thực nhận đơn, không phải ngày nhập vào hệ thống.">
            {(id) => <input id={id} value={receivedDay} onChange={(e) => setReceivedDay(e.target.value)} placeholder="dd/mm/yyyy" inputMode="numeric" required />}
          </Field>
          <Field label="Giờ nhận">{(id) => <input id={id} type="time" value={receivedTime} onChange={(e) => setReceivedTime(e.target.value)} required />}</Field>
          <Field label="Thủ tục">
            {(id) => (
              <select id={id} value={procedure} onChange={(e) => setProcedure(e.target.value)}>
                {(reference?.procedures ?? []).map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </Section>
        <Section title="Người yêu cầu" id="nguoi-yeu-cau">
          <Field label="Họ và tên (hoặc tên tổ chức)">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}</Field>
          <Field label="Địa chỉ liên hệ" hint="Thư của cơ quan gửi tới địa chỉ này qua bưu điện nếu người yêu cầu không có thư điện tử.">
            {(id) => <input id={id} value={postalAddress} onChange={(e) => setPostalAddress(e.target.value)} required autoComplete="off" />}
          </Field>
          <Field label="Số điện thoại (không bắt buộc)">{(id) => <input id={id} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />}</Field>
          <Field label="Thư điện tử (không bắt buộc)">{(id) => <input id={id} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}</Field>
        </Section>
        <Section title="Nội dung và bản quét" id="ban-quet">
          <Field label="Tóm tắt nội dung yêu cầu (không bắt buộc)" hint="Ví dụ: số bản án, tòa án, nội dung yêu cầu thi hành.">
            {(id) => <textarea id={id} value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />}
          </Field>
          <Field label={`Bản quét đơn và giấy tờ kèm theo (PDF hoặc ảnh, mỗi tệp tối đa ${MAX_SCAN_MB} MB)`}>
            {(id) => <input id={id} type="file" multiple accept={SCAN_TYPES.join(',')} onChange={(e) => setFiles([...(e.target.files ?? [])])} />}
          </Field>
          {files.length > 0 && (
            <ul>
              {files.map((f) => (
                <li key={f.name}>{f.name}</li>
              ))}
            </ul>
          )}
        </Section>
        <div id="tiep-nhan-loi">
          <ErrorMessage message={error} />
        </div>
        {busy && <p role="status">{busy}</p>}
        <button type="submit" disabled={!!busy}>
          Tiếp nhận hồ sơ
        </button>
      </form>
    </>
  );
}
