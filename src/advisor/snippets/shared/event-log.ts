// The replay buffer behind every resume: events with increasing ids, the last `capacity` kept.
// SSE replays from Last-Event-ID, a WebSocket from a sequence number, long polling from a cursor.
// This one lives in memory, for one instance. With several instances, back it with a log they all
// share (Redis Streams, NATS JetStream, Kafka, a Postgres table) so any instance can replay.

export interface LoggedEvent<T> {
  id: number;
  data: T;
}

export class EventLog<T = unknown> {
  #events: LoggedEvent<T>[] = [];
  #nextId = 1;
  #listeners = new Set<(event: LoggedEvent<T>) => void>();
  #wakers = new Set<() => void>();
  #ended = false;

  constructor(readonly capacity = 1000) {}

  get lastId(): number {
    return this.#nextId - 1;
  }

  append(data: T): LoggedEvent<T> {
    const event = { id: this.#nextId++, data };
    this.#events.push(event);
    if (this.#events.length > this.capacity) this.#events.shift();
    for (const listener of [...this.#listeners]) listener(event);
    this.#wake();
    return event;
  }

  /** No more events will come (a finished run): waiting readers wake up and see it. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  get ended(): boolean {
    return this.#ended;
  }

  #wake(): void {
    for (const wake of [...this.#wakers]) wake();
  }

  /** Up to `limit` events after `id`. `gap`: some were already dropped, so the client must resync. */
  since(id: number, limit = 100): { events: LoggedEvent<T>[]; gap: boolean } {
    const first = this.#events[0];
    const gap = first !== undefined && id < first.id - 1;
    const start = this.#events.findIndex((e) => e.id > id);
    return { events: start < 0 ? [] : this.#events.slice(start, start + limit), gap };
  }

  /** Calls `listener` for every new event until the returned function is called. */
  subscribe(listener: (event: LoggedEvent<T>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once an event after `id` exists, the log ends, `timeoutMs` passes, or `signal` aborts. */
  waitAfter(id: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.lastId > id || this.#ended || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#wakers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
