/** A local stand-in for an AWS service, started and ready. */
export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Receives one line of a service's own log; without it the services stay quiet. */
export type LogSink = (line: string) => void;
