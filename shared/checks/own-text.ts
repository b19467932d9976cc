/**
 * The writer's own words: the lines quoted from earlier mail (">") and the message quoted or forwarded below
 * "On … wrote:" / "Vào … đã viết:" / "-----Original Message-----" are not part of this request. Its own module so
 * that intake's reply checks (withdrawal-request.ts) take it without the whole checklist.
 */
const QUOTED_BELOW = /\n(?:On .{0,300} wrote:|Vào .{0,300} đã viết:|-{2,} ?(?:Original Message|Thư gốc|Forwarded message|Thư chuyển tiếp))/;

export function ownText(text: string): string {
  return (text.split(QUOTED_BELOW)[0] ?? '')
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}
