import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger, tracer } from '../commons/powertools';
import { dynamoDb, tableName } from '../commons/ports';
import { systemClock } from '../../shared/clock';

const db = DynamoDBDocumentClient.from(dynamoDb);

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** Health: the API answers and the case store is reachable. */
async function health(): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    await db.send(new GetCommand({ TableName: tableName(), Key: { PK: 'HEALTH', SK: 'HEALTH' } }));
    return json(200, { status: 'ok', caseStore: 'reachable', time: systemClock.now().toISOString() });
  } catch (error) {
    logger.error('health check: case store unreachable', { error });
    return json(503, { status: 'degraded', caseStore: 'unreachable' });
  }
}

async function api(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const route = `${event.requestContext.http.method} ${event.rawPath}`;
  if (route === 'GET /health') return health();
  return json(404, { error: 'NotFound', message: `no route ${route}` });
}

export const handler = middy(api).use(injectLambdaContext(logger, { resetKeys: true })).use(captureLambdaHandler(tracer));
