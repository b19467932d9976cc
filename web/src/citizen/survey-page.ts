import './citizen.css';
import { callPublic, el, page, showProblem, type SurveyInvitation } from './citizen-api';

/** The one-step satisfaction survey (/danh-gia#<token>): a score of 1 to 5 and an optional comment, once per case. */
const SCORES: Array<[number, string]> = [
  [5, 'Rất hài lòng'],
  [4, 'Hài lòng'],
  [3, 'Bình thường'],
  [2, 'Không hài lòng'],
  [1, 'Rất không hài lòng'],
];

function answered(invitation: SurveyInvitation, message: string, className = 'ok'): void {
  page().replaceChildren(el('h1', 'Đánh giá mức độ hài lòng'), el('p', `Mã hồ sơ: ${invitation.caseId}`), el('p', message, `${className} card`));
}

function render(invitation: SurveyInvitation): void {
  if (invitation.answered) {
    answered(invitation, 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần; xin cảm ơn Ông/Bà.');
    return;
  }
  const form = el('form');
  const scores = el('fieldset', undefined, 'scores');
  scores.append(el('legend', 'Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?'));
  for (const [score, label] of SCORES) {
    const option = el('label');
    const input = el('input');
    input.type = 'radio';
    input.name = 'rating';
    input.value = String(score);
    input.required = true;
    option.append(input, `${score} — ${label}`);
    scores.append(option);
  }
  const commentLabel = el('label', `Góp ý (không bắt buộc, tối đa ${invitation.commentMaxLength} ký tự)`);
  commentLabel.htmlFor = 'gop-y';
  const comment = el('textarea');
  comment.id = 'gop-y';
  comment.name = 'comment';
  comment.maxLength = invitation.commentMaxLength;
  const submit = el('button', 'Gửi đánh giá');
  submit.type = 'submit';
  const problem = el('p', '', 'error');
  problem.setAttribute('role', 'alert');
  form.append(scores, commentLabel, comment, el('p'), submit, problem);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name="rating"]:checked');
    if (!chosen) {
      problem.textContent = 'Xin chọn một mức đánh giá từ 1 đến 5.';
      return;
    }
    submit.disabled = true;
    const text = comment.value.trim();
    const answer = await callPublic('/public/survey', { method: 'POST', body: { rating: Number(chosen.value), ...(text ? { comment: text } : {}) } });
    if (answer.ok) answered(invitation, 'Cảm ơn Ông/Bà đã đánh giá. Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.');
    else if (answer.status === 409) answered(invitation, answer.message, 'error');
    else {
      problem.textContent = answer.message;
      submit.disabled = false;
    }
  });
  page().replaceChildren(
    el('h1', 'Đánh giá mức độ hài lòng'),
    el('p', `Mã hồ sơ: ${invitation.caseId} — ${invitation.procedure}`),
    el('p', `Cơ quan giải quyết: ${invitation.officeName}`, 'muted'),
    form,
  );
}

async function main(): Promise<void> {
  const answer = await callPublic<SurveyInvitation>('/public/survey');
  if (answer.ok) render(answer.data);
  else showProblem('Đánh giá mức độ hài lòng', answer.message);
}

void main();
