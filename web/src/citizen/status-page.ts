import './citizen.css';
import { callPublic, el, page, showProblem, type CitizenCaseStatus } from './citizen-api';

/** The requester's status page (/trang-thai#<token>): where the case stands, what to do next, deadlines, appointment, letters. */
function section(title: string, ...children: Node[]): HTMLElement {
  const box = el('section', undefined, 'card');
  box.append(el('h2', title), ...children);
  return box;
}

function list(items: Array<Array<Node | string>>): HTMLUListElement {
  const ul = el('ul', undefined, 'plain');
  for (const parts of items) {
    const li = el('li');
    li.append(...parts);
    ul.append(li);
  }
  return ul;
}

function render(status: CitizenCaseStatus): void {
  const main = page();
  const summary = el('section', undefined, 'card');
  summary.append(
    el('p', `Mã hồ sơ: ${status.caseId}`),
    el('p', `Thủ tục: ${status.procedure}`),
    el('p', `Cơ quan giải quyết: ${status.office.name}`),
    el('p', `Nhận hồ sơ lúc ${status.receivedAtText}`, 'muted'),
  );
  const stage = section('Tình trạng', el('p', status.stage.text));
  if (status.closed) stage.append(el('p', `${status.closed.text} (${status.closed.atText})`));
  const parts: HTMLElement[] = [el('h1', 'Tình trạng hồ sơ'), summary, stage];
  if (status.nextForRequester) {
    const next = section('Việc Ông/Bà cần làm', el('p', status.nextForRequester));
    next.classList.add('next');
    parts.push(next);
  }
  if (status.deadlines.length) {
    parts.push(
      section(
        'Thời hạn',
        list(
          status.deadlines.map((d) => [
            el('strong', d.name),
            el('br'),
            `Hạn: ${d.dueAtText} — `,
            d.state === 'passed' ? el('span', 'đã quá hạn', 'passed') : el('span', d.workingDaysLeft <= 1 ? 'trong ngày làm việc này hoặc ngày làm việc tới' : `còn ${d.workingDaysLeft} ngày làm việc`),
          ]),
        ),
      ),
    );
  }
  if (status.appointment) {
    const bring = list(status.appointment.bring.map((item) => [item]));
    parts.push(section('Lịch hẹn', el('p', `${status.appointment.text}, tại ${status.appointment.place}.`), el('p', 'Xin mang theo:'), bring));
  }
  parts.push(
    section(
      'Thư đã gửi cho Ông/Bà',
      status.letters.length ? list(status.letters.map((l) => [el('strong', l.sentAtText), el('br'), l.subject])) : el('p', 'Chưa có thư nào.', 'muted'),
    ),
  );
  if (status.documents.length) {
    parts.push(
      section(
        'Văn bản',
        list(
          status.documents.map((d) => {
            const link = el('a', d.name);
            link.href = d.url;
            link.rel = 'noreferrer';
            return [link];
          }),
        ),
        el('p', 'Đường dẫn tải văn bản có hiệu lực trong 5 phút; tải lại trang để có đường dẫn mới.', 'muted'),
      ),
    );
  }
  const contact = el('p', `Liên hệ: ${status.office.address} — thư điện tử ${status.office.email}${status.office.phone ? ` — điện thoại ${status.office.phone}` : ''}.`, 'muted');
  main.replaceChildren(...parts, contact);
}

async function main(): Promise<void> {
  const answer = await callPublic<CitizenCaseStatus>('/public/case-status');
  if (answer.ok) render(answer.data);
  else showProblem('Tình trạng hồ sơ', answer.message);
}

void main();
