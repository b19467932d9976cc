import * as z from 'zod';
import { surveyPartition } from '../cases/keys';
import type { OfficeDirectory } from '../offices/directory';
import type { ReportingPeriod } from '../reports/period';
import { monthsBetween } from '../staff/queue';
import type { CaseIndex } from '../staff/ports';
import { isSurveyRatingItem, surveyRatingFromItem, type SurveyRating } from './survey';

/** The ratings of one office in a period: how many, the mean, how many of each score, and the comments. */
export const officeSatisfactionSchema = z.strictObject({
  office: z.string(),
  officeName: z.string(),
  ratings: z.number().int(),
  /** Mean score, two decimals; null when nobody rated. */
  average: z.number().nullable(),
  /** Ratings of 1, 2, 3, 4 and 5, in that order. */
  distribution: z.array(z.number().int()).length(5),
  /** Share of ratings of 4 or 5 (hài lòng, rất hài lòng), in percent with one decimal; null when nobody rated. */
  satisfiedPercent: z.number().nullable(),
  comments: z.array(z.strictObject({ caseId: z.string(), rating: z.number().int(), comment: z.string(), ratedAt: z.string() })),
});

export const satisfactionResultsSchema = z.strictObject({
  period: z.strictObject({ key: z.string(), label: z.string(), firstDay: z.string(), lastDay: z.string() }),
  offices: z.array(officeSatisfactionSchema),
  total: officeSatisfactionSchema.omit({ office: true, officeName: true, comments: true }),
});

export type OfficeSatisfaction = z.infer<typeof officeSatisfactionSchema>;
export type SatisfactionResults = z.infer<typeof satisfactionResultsSchema>;

/** Every rating of these offices given within the period (by the instant of rating). */
export async function ratingsForPeriod(offices: string[], period: ReportingPeriod, index: CaseIndex): Promise<SurveyRating[]> {
  const months = monthsBetween(period.start.getTime(), period.end.getTime() - 1);
  const ratings: SurveyRating[] = [];
  for (const office of offices) {
    for (const month of months) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await index.page({ index: 'GSI2', partition: surveyPartition(office, month), limit: 500, ...(startKey ? { startKey } : {}) });
        for (const item of page.items) {
          if (!isSurveyRatingItem(item)) continue;
          const rating = surveyRatingFromItem(item);
          const ratedAt = Date.parse(rating.ratedAt);
          if (ratedAt >= period.start.getTime() && ratedAt < period.end.getTime()) ratings.push(rating);
        }
        startKey = page.lastKey;
      } while (startKey);
    }
  }
  return ratings;
}

function figures(ratings: SurveyRating[]) {
  const distribution = [1, 2, 3, 4, 5].map((score) => ratings.filter((r) => r.rating === score).length);
  const sum = ratings.reduce((total, r) => total + r.rating, 0);
  const satisfied = ratings.filter((r) => r.rating >= 4).length;
  return {
    ratings: ratings.length,
    average: ratings.length ? Math.round((sum / ratings.length) * 100) / 100 : null,
    distribution,
    satisfiedPercent: ratings.length ? Math.round((satisfied / ratings.length) * 1000) / 10 : null,
  };
}

/** The results per office (every office asked for, rated or not) and for all of them together. */
export function satisfactionResults(offices: string[], ratings: SurveyRating[], period: ReportingPeriod, directory: OfficeDirectory): SatisfactionResults {
  return {
    period: { key: period.key, label: period.label, firstDay: period.firstDay, lastDay: period.lastDay },
    offices: offices.map((office) => {
      const own = ratings.filter((r) => r.office === office).sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
      return {
        office,
        officeName: directory.offices.find((o) => o.code === office)?.name ?? office,
        ...figures(own),
        comments: own.filter((r) => r.comment?.trim()).map((r) => ({ caseId: r.caseId, rating: r.rating, comment: r.comment!.trim(), ratedAt: r.ratedAt })),
      };
    }),
    total: figures(ratings),
  };
}
