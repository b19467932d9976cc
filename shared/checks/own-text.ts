/**
 * The writer's own words: the lines quoted from earlier mail (">") are not part of this request. Its own
 * module so that intake's reply checks (withdrawal-request.ts) take it without the whole checklist.
 */
export function ownText(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}
