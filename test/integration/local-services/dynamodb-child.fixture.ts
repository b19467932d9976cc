// Run as a child by dynamodb.test.ts: starts DynamoDB Local, says so, then waits to be killed.
import { startDynamoDb } from '../../../local/services/dynamodb';

const [port, dataDir] = process.argv.slice(2);
await startDynamoDb({ port: Number(port), dataDir: dataDir! });
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
