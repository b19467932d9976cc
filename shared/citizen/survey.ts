import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { surveyPartition, surveyRatingKey } from '../cases/keys';
import { toVietnamIso, vietnamMonth } from '../time/vietnam-time';

/** A requester's rating of how their case was handled: 1 (very dissatisfied) to 5 (very satisfied), and an optional comment. */
export interface SurveyRating {
  caseId: string;
  office: string;
  procedure: string;
  rating: number;
  comment?: string;
  ratedAt: string;
}

export const ratingBody = (commentMaxLength: number) =>
  z.strictObject({
    rating: z.number().int().min(1).max(5).meta({ description: '1 (rất không hài lòng) to 5 (rất hài lòng)' }),
    comment: z.string().max(commentMaxLength).optional().meta({ description: `optional, at most ${commentMaxLength} characters` }),
  });

export class AlreadyRated extends Error {
  override readonly name = 'AlreadyRated';
  constructor(readonly existing: SurveyRating) {
    super(`case ${existing.caseId} was rated at ${existing.ratedAt}`);
  }
}

export interface SurveyStore {
  /** Records the rating, once per case: a second one (even at the same instant) is AlreadyRated. */
  rate(rating: SurveyRating): Promise<void>;
  ratingOf(caseId: string): Promise<SurveyRating | undefined>;
}

/** Ratings live beside their case's office on the audit index (GSI2: SURVEYS#<office>#<month>), so results per office and period are a query. */
export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async rate(rating: SurveyRating): Promise<void> {
    const item = {
      ...surveyRatingKey(rating.caseId),
      entity: 'survey-rating',
      ...rating,
      GSI2PK: surveyPartition(rating.office, vietnamMonth(new Date(rating.ratedAt))),
      GSI2SK: `${rating.ratedAt}#${rating.caseId}`,
    };
    try {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.ratingOf(rating.caseId);
      throw new AlreadyRated(existing ?? rating);
    }
  }

  async ratingOf(caseId: string): Promise<SurveyRating | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.tableName, Key: surveyRatingKey(caseId), ConsistentRead: true }))).Item;
    return item ? surveyRatingFromItem(item) : undefined;
  }
}

export function isSurveyRatingItem(item: Record<string, unknown>): boolean {
  return item.entity === 'survey-rating';
}

export function surveyRatingFromItem(item: Record<string, unknown>): SurveyRating {
  return {
    caseId: String(item.caseId),
    office: String(item.office),
    procedure: String(item.procedure),
    rating: Number(item.rating),
    ...(typeof item.comment === 'string' ? { comment: item.comment } : {}),
    ratedAt: toVietnamIso(new Date(String(item.ratedAt))),
  };
}
