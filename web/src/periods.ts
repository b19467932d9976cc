/**
 * The reporting periods the console offers, in the API's notation: a month (2026-05), a half year
 * (2026-H1) or a year (2026), newest first, for this year and the year before.
 */
export function periodOptions(today: string): Array<{ value: string; label: string }> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const options: Array<{ value: string; label: string }> = [];
  for (const y of [year, year - 1]) {
    options.push({ value: `${y}-H1`, label: `6 tháng đầu năm ${y}` });
    if (y < year || month > 6) options.push({ value: `${y}-H2`, label: `6 tháng cuối năm ${y}` });
    options.push({ value: `${y}`, label: `Năm ${y}` });
    for (let m = y === year ? month : 12; m >= 1; m--) options.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: `Tháng ${m}/${y}` });
  }
  return options;
}
