import { useState, type FormEvent, type ReactNode } from 'react';
import { must, type CaseDetail } from '../api/client';
import { describeError } from '../api/errors';
import { useApp } from '../app-context';
import { hasRole } from '../auth/claims';
import { vietnamToday } from '../format';
import { ErrorMessage, Field } from './common';

type ActionPath =
  | '/cases/{id}/review'
  | '/cases/{id}/visit'
  | '/cases/{id}/decision'
  | '/cases/{id}/handover'
  | '/cases/{id}/register'
  | '/cases/{id}/answer'
  | '/cases/{id}/reassign'
  | '/cases/{id}/delay'
  | '/cases/{id}/confirm-sender'
  | '/cases/{id}/withdraw';

/** One action form: sends the body, says what happened, and lets the page read the case again. */
function ActionForm({ title, submitLabel, onSubmit, children, done }: { title: string; submitLabel: string; onSubmit: () => Promise<string>; children: ReactNode; done: () => void }) {
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = `${title.replace(/\s+/g, '-').toLowerCase()}-form`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      setResult(await onSubmit());
      done();
    } catch (e) {
      setError(e instanceof FormProblem ? e.message : describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card action" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {children}
      <ErrorMessage message={error} />
      {result && (
        <p className="success" role="status">
          {result}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

/** A problem the form finds before sending anything, in the form's own words. */
class FormProblem extends Error {}

const SUBMITTED = 'Đã ghi nhận. Hồ sơ chuyển sang bước tiếp theo trong giây lát.';

function useAct(caseId: string) {
  const { api } = useApp();
  return async (path: ActionPath, body: Record<string, unknown>) => {
    // biome-ignore lint/suspicious/noExplicitAny: the body was shaped by the form for this path's schema
    await must(api.POST(path, { params: { path: { id: caseId } }, body: body as any }));
  };
}

const optionalNote = (note: string) => (note.trim() ? { note: note.trim() } : {});

/** The review: accept, ask for more (items picked from the catalog), refuse (reason and legal basis from a list), or refer (office from the directory). */
export function ReviewForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const { reference } = useApp();
  const act = useAct(detail.caseId);
  const procedure = reference?.procedures.find((p) => p.code === detail.procedure);
  const checklistItems = ((detail.checklist as { items?: Array<{ id: string; status: string }> } | null)?.items ?? []).filter((i) => i.status !== 'found').map((i) => i.id);
  const [outcome, setOutcome] = useState<'accept' | 'request-more' | 'refuse' | 'refer'>('accept');
  const [missing, setMissing] = useState<string[]>(() => procedure?.requiredItems.filter((i) => checklistItems.includes(i.id)).map((i) => i.label) ?? []);
  const [otherMissing, setOtherMissing] = useState('');
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [referTo, setReferTo] = useState('');
  const [note, setNote] = useState('');
  const toggle = (label: string) => setMissing((m) => (m.includes(label) ? m.filter((x) => x !== label) : [...m, label]));
  const offices = (reference?.offices ?? []).filter((o) => o.code !== detail.office);

  const submit = async () => {
    if (outcome === 'accept') await act('/cases/{id}/review', { outcome, ...optionalNote(note) });
    if (outcome === 'request-more') {
      const items = [...missing, ...otherMissing.split('\n').map((s) => s.trim()).filter(Boolean)];
      if (!items.length) throw new FormProblem('Chọn ít nhất một giấy tờ còn thiếu.');
      await act('/cases/{id}/review', { outcome, missingItems: items, ...optionalNote(note) });
    }
    if (outcome === 'refuse') {
      if (!reason.trim() || !legalBasis) throw new FormProblem('Nhập lý do từ chối và chọn căn cứ pháp lý.');
      await act('/cases/{id}/review', { outcome, reason: reason.trim(), legalBasis, ...optionalNote(note) });
    }
    if (outcome === 'refer') {
      if (!referTo) throw new FormProblem('Chọn cơ quan có thẩm quyền.');
      const office = offices.find((o) => o.code === referTo);
      await act('/cases/{id}/review', { outcome, referTo: office ? `${office.name} (${office.code})` : referTo, ...(reason.trim() ? { reason: reason.trim() } : {}), ...optionalNote(note) });
    }
    return SUBMITTED;
  };

  return (
    <ActionForm title="Xem xét hồ sơ" submitLabel="Ghi nhận kết quả xem xét" onSubmit={submit} done={done}>
      <fieldset>
        <legend>Kết quả xem xét</legend>
        {(
          [
            ['accept', 'Tiếp nhận'],
            ['request-more', 'Yêu cầu bổ sung'],
            ['refuse', 'Từ chối'],
            ['refer', 'Chuyển cơ quan có thẩm quyền'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {outcome === 'request-more' && (
        <fieldset>
          <legend>Giấy tờ còn thiếu</legend>
          {procedure?.requiredItems.map((item) => (
            <label key={item.id} className="check">
              <input type="checkbox" checked={missing.includes(item.label)} onChange={() => toggle(item.label)} />
              {item.label}
            </label>
          ))}
          <Field label="Giấy tờ khác (mỗi dòng một loại)">
            {(id) => (
              <textarea id={id} value={otherMissing} onChange={(e) => setOtherMissing(e.target.value)} rows={2} />
            )}
          </Field>
        </fieldset>
      )}
      {outcome === 'refuse' && (
        <>
          <Field label="Lý do từ chối">
            {(id) => (
              <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
            )}
          </Field>
          <Field label="Căn cứ pháp lý">
            {(id) => (
              <select id={id} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} required>
                <option value="">— Chọn căn cứ —</option>
                {procedure?.legalBasis.map((c) => (
                  <option key={c.citation} value={c.citation}>
                    {c.citation}
                    {c.verify ? ' (chưa đối chiếu)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      {outcome === 'refer' && (
        <>
          <Field label="Cơ quan có thẩm quyền">
            {(id) => (
              <select id={id} value={referTo} onChange={(e) => setReferTo(e.target.value)} required>
                <option value="">— Chọn cơ quan —</option>
                {offices.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Lý do chuyển">
            {(id) => (
              <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            )}
          </Field>
        </>
      )}
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/** The requester came to the desk: the originals checked, how the result will be collected; or another date at their request. */
export function VisitForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const { reference } = useApp();
  const act = useAct(detail.caseId);
  const procedure = reference?.procedures.find((p) => p.code === detail.procedure);
  // What the requester was asked to bring (the catalog's list), else the request's required items.
  const originals = procedure?.bringToAppointment.length ? procedure.bringToAppointment : (procedure?.requiredItems.map((i) => i.label) ?? []);
  const [kind, setKind] = useState<'received' | 'reschedule'>('received');
  const [checked, setChecked] = useState<string[]>([]);
  const [collection, setCollection] = useState<'at-desk' | 'by-post'>('at-desk');
  const [postalAddress, setPostalAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const toggle = (label: string) => setChecked((c) => (c.includes(label) ? c.filter((x) => x !== label) : [...c, label]));
  const submit = async () => {
    if (kind === 'reschedule') {
      await act('/cases/{id}/visit', { action: 'reschedule', ...optionalNote(note) });
      return 'Đã ghi nhận yêu cầu hẹn lại; lịch hẹn mới sẽ được gửi cho người yêu cầu.';
    }
    if (collection === 'by-post' && !postalAddress.trim()) throw new FormProblem('Nhập địa chỉ nhận qua bưu điện.');
    await act('/cases/{id}/visit', {
      action: 'received',
      documentsReceived: checked.map((name) => ({ name, copies: 1, kind: 'original' })),
      collection,
      ...(collection === 'by-post' ? { postalAddress: postalAddress.trim() } : {}),
      ...(phone.trim() ? { requester: { phone: phone.trim() } } : {}),
      ...optionalNote(note),
    });
    return SUBMITTED;
  };
  return (
    <ActionForm title="Người yêu cầu đến cơ quan" submitLabel="Ghi nhận buổi làm việc" onSubmit={submit} done={done}>
      <fieldset>
        <legend>Nội dung</legend>
        <label className="check">
          <input type="radio" name="visit" checked={kind === 'received'} onChange={() => setKind('received')} />
          Đã đến, đã đối chiếu bản gốc
        </label>
        <label className="check">
          <input type="radio" name="visit" checked={kind === 'reschedule'} onChange={() => setKind('reschedule')} />
          Người yêu cầu xin hẹn ngày khác
        </label>
      </fieldset>
      {kind === 'received' && (
        <>
          <fieldset>
            <legend>Bản gốc đã kiểm tra</legend>
            {originals.map((label) => (
              <label key={label} className="check">
                <input type="checkbox" checked={checked.includes(label)} onChange={() => toggle(label)} />
                {label}
              </label>
            ))}
          </fieldset>
          <Field label="Cách nhận kết quả">
            {(id) => (
              <select id={id} value={collection} onChange={(e) => setCollection(e.target.value as 'at-desk' | 'by-post')}>
                <option value="at-desk">Nhận tại cơ quan</option>
                <option value="by-post">Gửi qua bưu điện</option>
              </select>
            )}
          </Field>
          {collection === 'by-post' && (
            <Field label="Địa chỉ nhận qua bưu điện">
              {(id) => (
                <input id={id} value={postalAddress} onChange={(e) => setPostalAddress(e.target.value)} />
              )}
            </Field>
          )}
          <Field label="Số điện thoại người yêu cầu">
            {(id) => (
              <input id={id} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
            )}
          </Field>
        </>
      )}
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The enforcement decision, by the head: the signed PDF, its number, date and signer. */
export function DecisionForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [number, setNumber] = useState('');
  const [when, setWhen] = useState(vietnamToday());
  const [signer, setSigner] = useState('');
  const [file, setFile] = useState<File>();
  const [note, setNote] = useState('');
  const submit = async () => {
    if (!file) throw new FormProblem('Chọn tệp quyết định đã ký (PDF).');
    if (file.type && file.type !== 'application/pdf') throw new FormProblem('Tệp quyết định phải là PDF.');
    if (file.size > 4 * 1024 * 1024) throw new FormProblem('Tệp quyết định quá lớn (tối đa 4 MB).');
    await act('/cases/{id}/decision', { number: number.trim(), date: when, signer: signer.trim(), pdfBase64: await base64Of(file), filename: file.name, ...optionalNote(note) });
    return SUBMITTED;
  };
  return (
    <ActionForm title="Ra quyết định thi hành án" submitLabel="Ghi nhận quyết định" onSubmit={submit} done={done}>
      <Field label="Số quyết định">
        {(id) => (
          <input id={id} value={number} onChange={(e) => setNumber(e.target.value)} placeholder="123/QĐ-CCTHADS" required />
        )}
      </Field>
      <Field label="Ngày quyết định">
        {(id) => (
          <input id={id} type="date" value={when} onChange={(e) => setWhen(e.target.value)} required />
        )}
      </Field>
      <Field label="Người ký">
        {(id) => (
          <input id={id} value={signer} onChange={(e) => setSigner(e.target.value)} required />
        )}
      </Field>
      <Field label="Tệp quyết định (PDF)">
        {(id) => (
          <input id={id} type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0])} required />
        )}
      </Field>
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/** The decision handed to the requester, at the desk or by post. */
export function HandoverForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [method, setMethod] = useState<'at-desk' | 'by-post'>('at-desk');
  const [receivedBy, setReceivedBy] = useState('');
  const [note, setNote] = useState('');
  const submit = async () => {
    await act('/cases/{id}/handover', { method, ...(receivedBy.trim() ? { receivedBy: receivedBy.trim() } : {}), ...optionalNote(note) });
    return SUBMITTED;
  };
  return (
    <ActionForm title="Trả kết quả" submitLabel="Ghi nhận đã trả kết quả" onSubmit={submit} done={done}>
      <Field label="Hình thức trả kết quả">
        {(id) => (
          <select id={id} value={method} onChange={(e) => setMethod(e.target.value as 'at-desk' | 'by-post')}>
            <option value="at-desk">Tại cơ quan (có ký nhận)</option>
            <option value="by-post">Qua bưu điện</option>
          </select>
        )}
      </Field>
      <Field label="Người nhận">
        {(id) => (
          <input id={id} value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} />
        )}
      </Field>
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

export function RegisterForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Thụ lý đơn"
      submitLabel="Ghi nhận thụ lý"
      done={done}
      onSubmit={async () => {
        await act('/cases/{id}/register', optionalNote(note));
        return SUBMITTED;
      }}
    >
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/**
 * The answer to a general question or feedback (the procedure of flow `answer`): the officer's text is mailed to
 * the sender as the office's letter, and the case closes as answered. The API refuses text typed without
 * diacritics; the form says so before sending.
 */
export function AnswerForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Trả lời câu hỏi, phản ánh, kiến nghị"
      submitLabel="Gửi thư trả lời"
      done={done}
      onSubmit={async () => {
        await act('/cases/{id}/answer', { answer: answer.trim(), ...optionalNote(note) });
        return 'Đã ghi nhận câu trả lời. Thư trả lời được gửi cho người hỏi và hồ sơ kết thúc trong giây lát.';
      }}
    >
      <p className="muted">
        Nội dung trả lời được gửi nguyên văn cho người hỏi, dưới tên của cơ quan: viết tiếng Việt có dấu, văn phong hành chính. Nếu thư này thực ra là một yêu cầu, đề nghị, đơn khiếu nại hoặc tố cáo, trả lời hướng dẫn
        người gửi gửi lại theo đúng thủ tục.
      </p>
      <Field label="Nội dung trả lời">
        {(id) => (
          <textarea id={id} value={answer} onChange={(e) => setAnswer(e.target.value)} rows={8} minLength={20} maxLength={8000} required />
        )}
      </Field>
      <Field label="Ghi chú nội bộ (không gửi người hỏi)">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/** Form 04: before the deadline, the result will be late; the apology and extension letter goes to the requester. */
export function DelayForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [reason, setReason] = useState('');
  const [newDate, setNewDate] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Văn bản xin lỗi và gia hạn"
      submitLabel="Gửi văn bản xin lỗi và gia hạn"
      done={done}
      onSubmit={async () => {
        if (!reason.trim() || !newDate) throw new FormProblem('Nhập lý do chậm và ngày trả kết quả mới.');
        await act('/cases/{id}/delay', { reason: reason.trim(), newDate, ...optionalNote(note) });
        return 'Đã ghi nhận; văn bản xin lỗi và gia hạn được gửi cho người yêu cầu.';
      }}
    >
      <Field label="Lý do chậm trả kết quả">
        {(id) => (
          <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
        )}
      </Field>
      <Field label="Ngày trả kết quả mới">
        {(id) => (
          <input id={id} type="date" value={newDate} min={vietnamToday()} onChange={(e) => setNewDate(e.target.value)} required />
        )}
      </Field>
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/** A held sender's address confirmed by an officer: the held acknowledgement goes out. */
export function ConfirmSenderForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Xác nhận người gửi"
      submitLabel="Xác nhận địa chỉ người gửi"
      done={done}
      onSubmit={async () => {
        if (!note.trim()) throw new FormProblem('Ghi rõ vì sao xác nhận được địa chỉ này là của người yêu cầu.');
        await act('/cases/{id}/confirm-sender', { note: note.trim() });
        return 'Đã xác nhận; giấy tiếp nhận được gửi cho người yêu cầu.';
      }}
    >
      <Field label="Căn cứ xác nhận">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} required />
        )}
      </Field>
    </ActionForm>
  );
}

export function ReassignForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [assignee, setAssignee] = useState(detail.assignee ?? '');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Giao hồ sơ"
      submitLabel="Giao hồ sơ"
      done={done}
      onSubmit={async () => {
        if (!assignee.trim()) throw new FormProblem('Nhập cán bộ được giao.');
        await act('/cases/{id}/reassign', { assignee: assignee.trim(), ...optionalNote(note) });
        return 'Đã giao hồ sơ.';
      }}
    >
      <Field label="Cán bộ được giao">
        {(id) => (
          <input id={id} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
        )}
      </Field>
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

export function ResumeForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const { api } = useApp();
  return (
    <ActionForm
      title="Tiếp tục quy trình"
      submitLabel="Tiếp tục quy trình"
      done={done}
      onSubmit={async () => {
        const result = await must(api.POST('/cases/{id}/resume', { params: { path: { id: detail.caseId } } }));
        return `Đã cho quy trình chạy tiếp từ bước ${result.resumedAt}.`;
      }}
    >
      <p>Quy trình của hồ sơ đã dừng mà chưa kết thúc hồ sơ. Tiếp tục tại đúng bước đang dở, giữ nguyên các thời hạn.</p>
    </ActionForm>
  );
}

/**
 * The requester's written withdrawal, before the decision: the officer names the writing (an e-mail's date or
 * Message-ID, a letter's register number). A reply that only says "rút đơn" is a hint on the case, never acted on alone.
 */
export function WithdrawForm({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const act = useAct(detail.caseId);
  const [via, setVia] = useState<'email' | 'letter'>('email');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Rút yêu cầu"
      submitLabel="Ghi nhận người yêu cầu rút yêu cầu"
      done={done}
      onSubmit={async () => {
        if (!reference.trim()) throw new FormProblem('Ghi rõ văn bản rút yêu cầu (ngày, mã thư điện tử hoặc số vào sổ công văn đến).');
        await act('/cases/{id}/withdraw', { via, reference: reference.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}), ...optionalNote(note) });
        return 'Đã ghi nhận việc rút yêu cầu; hồ sơ kết thúc và người yêu cầu nhận văn bản xác nhận.';
      }}
    >
      <Field label="Văn bản rút yêu cầu gửi qua">
        {(id) => (
          <select id={id} value={via} onChange={(e) => setVia(e.target.value as 'email' | 'letter')}>
            <option value="email">Thư điện tử</option>
            <option value="letter">Văn bản giấy</option>
          </select>
        )}
      </Field>
      <Field label="Số, ngày của văn bản rút yêu cầu">
        {(id) => (
          <input id={id} value={reference} onChange={(e) => setReference(e.target.value)} required />
        )}
      </Field>
      <Field label="Lý do người yêu cầu nêu">
        {(id) => (
          <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        )}
      </Field>
      <Field label="Ghi chú">
        {(id) => (
          <textarea id={id} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        )}
      </Field>
    </ActionForm>
  );
}

/** The forms the case offers now, for who is signed in. */
export function CaseActions({ detail, done }: { detail: CaseDetail; done: () => void }) {
  const { identity } = useApp();
  const head = hasRole(identity, 'head');
  if (!hasRole(identity, 'officer', 'head')) return null;
  if (detail.status === 'closed') return <p className="muted">Hồ sơ đã kết thúc: không còn thao tác.</p>;
  const step = detail.pendingStep?.step;
  const senderHeld = !!(detail as { senderHold?: { confirmed?: unknown } }).senderHold && !(detail as { senderHold?: { confirmed?: unknown } }).senderHold?.confirmed;
  const breached = detail.steps.some((s) => s.step === step && s.breached);
  return (
    <section className="actions" aria-labelledby="thao-tac-tieu-de">
      <h2 id="thao-tac-tieu-de">Thao tác</h2>
      {!step && !detail.workflowEnded && <p className="muted">Hồ sơ không chờ cán bộ thao tác (đang chờ người yêu cầu hoặc hệ thống).</p>}
      {step === 'review' && <ReviewForm detail={detail} done={done} />}
      {step === 'visit' && <VisitForm detail={detail} done={done} />}
      {step === 'decision' && (head ? <DecisionForm detail={detail} done={done} /> : <p className="muted">Hồ sơ chờ thủ trưởng ra quyết định thi hành án.</p>)}
      {step === 'handover' && <HandoverForm detail={detail} done={done} />}
      {step === 'registration' && <RegisterForm detail={detail} done={done} />}
      {step === 'answer' && <AnswerForm detail={detail} done={done} />}
      {(step === 'decision' || step === 'registration') && !breached && <DelayForm detail={detail} done={done} />}
      {detail.flow !== 'guidance' && detail.flow !== 'answer' && !detail.decision && !detail.workflowEnded && <WithdrawForm detail={detail} done={done} />}
      {senderHeld && <ConfirmSenderForm detail={detail} done={done} />}
      {head && detail.workflowEnded && <ResumeForm detail={detail} done={done} />}
      {head && <ReassignForm detail={detail} done={done} />}
    </section>
  );
}
