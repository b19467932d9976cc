import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseRepository } from '../../shared/cases/repository';
import { requiredEnv } from '../../shared/aws/clients';
import { officeDirectory } from '../../shared/offices/default-directory';
import { systemClock } from '../../shared/clock';
import { tracer } from './powertools';

/** The DynamoDB client every function shares, traced; created once per container. */
export const dynamoDb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const documentClient = DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });

export const tableName = () => requiredEnv('TABLE_NAME');

export const caseRepository = () => new CaseRepository(documentClient, tableName());

/** What every use case needs: the case store, the office directory and the clock. */
export const casePorts = () => ({ cases: caseRepository(), directory: officeDirectory, clock: systemClock });
