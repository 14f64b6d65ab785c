/**
 * Keeps one campaign worker process running, like systemd or Kubernetes would: a worker that dies
 * (killed by a trial, or giving up while the server is down) is replaced. Restarts are counted.
 */
import type { Logger } from 'pino';
import { startWorkerChild, type WorkerChild, type WorkerChildOptions } from '../worker-child.js';

export class WorkerSupervisor {
  private current: WorkerChild | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  restarts = 0;

  constructor(private readonly opts: WorkerChildOptions, private readonly log: Logger) {}

  async start(): Promise<void> {
    this.starting = this.spawn();
    await this.starting;
  }

  /** SIGKILL the worker and start a new one; resolves when the new one polls. */
  async killAndReplace(): Promise<void> {
    await this.starting;
    const victim = this.current;
    this.current = undefined;
    await victim?.kill();
    this.starting = this.spawn();
    await this.starting;
  }

  private async spawn(): Promise<void> {
    for (;;) {
      try {
        const child = await startWorkerChild(this.opts);
        this.current = child;
        void child.exited.then(() => this.onExit(child));
        return;
      } catch (err) {
        // The server may be down right now: try again.
        if (this.stopping) return;
        this.log.warn({ err: (err as Error).message }, 'worker failed to start; retrying');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  private onExit(child: WorkerChild): void {
    if (this.stopping || this.current !== child) return;
    this.current = undefined;
    this.restarts++;
    this.log.warn({ pid: child.pid }, 'worker exited on its own; starting another');
    this.starting = this.spawn();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.current?.stop();
  }
}
