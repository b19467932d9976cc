/** A local stand-in for an AWS service, started and ready. */
export interface RunningService {
  name: string;
  url: string;
  /** The operating system's process, when the service runs in one of its own (the bench counts its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

/** Receives one line of a service's own log; without it the services stay quiet. */
export type LogSink = (line: string) => void;
