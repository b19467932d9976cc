import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, StartMessageMoveTaskCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { rawObjectsOf, type DeadLetter, type DeadLetterQueue } from './dead-letters';

/** Dead letters stay hidden this long after `list` reads them (SQS has no peek); then they are visible again. */
const PEEK_SECONDS = 30;

/** The intake queue's SQS dead-letter queue (infra: the intake queue's redrive policy). */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly deadLetterQueueUrl: string,
    private readonly intakeQueueUrl: string,
  ) {}

  async list(): Promise<DeadLetter[]> {
    return (await this.receiveAll()).map((m) => toDeadLetter(m));
  }

  async redrive(ids?: string[]): Promise<number> {
    if (!ids) {
      // SQS moves them all back to the queue they died in, at its own pace.
      const { Attributes } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.deadLetterQueueUrl, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }));
      await this.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes!.QueueArn! }));
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
    }
    const wanted = new Set(ids);
    let moved = 0;
    for (const message of await this.receiveAll()) {
      if (!wanted.has(message.MessageId!)) continue;
      // Sent before deleted: a failure between leaves a copy in both, which intake takes in once (it is idempotent).
      await this.sqs.send(new SendMessageCommand({ QueueUrl: this.intakeQueueUrl, MessageBody: message.Body! }));
      await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle! }));
      moved++;
    }
    return moved;
  }

  private async receiveAll(): Promise<Message[]> {
    const seen = new Map<string, Message>();
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: PEEK_SECONDS, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] }),
      );
      const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
      if (!fresh.length) return [...seen.values()];
      for (const m of fresh) seen.set(m.MessageId!, m);
    }
  }
}

function toDeadLetter(m: Message): DeadLetter {
  const receives = Number(m.Attributes?.ApproximateReceiveCount ?? 0);
  return {
    id: m.MessageId!,
    rawObjects: rawObjectsOf(m.Body ?? ''),
    receiveCount: receives,
    sentAt: new Date(Number(m.Attributes?.SentTimestamp ?? 0)).toISOString(),
    reason: `intake failed it as many times as the queue's redrive policy allows; its log lines carry sqsMessageId ${m.MessageId}`,
  };
}
