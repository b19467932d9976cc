import type { CaseSummary } from './api/client';

/** The officers' load: open cases per assignee, with how many are at risk or late. */
export function loadPerOfficer(cases: CaseSummary[]): Array<{ officer: string; open: number; warning: number; breached: number }> {
  const rows = new Map<string, { officer: string; open: number; warning: number; breached: number }>();
  for (const c of cases) {
    const officer = c.assignee ?? 'Bộ phận một cửa (chưa giao riêng)';
    const row = rows.get(officer) ?? { officer, open: 0, warning: 0, breached: 0 };
    row.open += 1;
    if (c.timeLeft?.level === 'warning') row.warning += 1;
    if (c.timeLeft?.level === 'breached') row.breached += 1;
    rows.set(officer, row);
  }
  return [...rows.values()].sort((a, b) => b.open - a.open);
}

