/**
 * When the server process dies: restart it, unless it keeps dying (then stop and say so), and
 * tell the user once per session. Pure, so it is tested without an editor.
 */
export interface CrashDecision {
  readonly action: 'restart' | 'stop';
  /** A message for the user, or undefined when they were already told. */
  readonly message?: string;
}

export class CrashPolicy {
  private readonly crashes: number[] = [];
  private told = false;

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  crashed(): CrashDecision {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0] > this.windowMs) this.crashes.shift();
    if (this.crashes.length >= this.maxCrashes) {
      return { action: 'stop', message: `The Istio mTLS Doctor server crashed ${this.crashes.length} times in ${Math.round(this.windowMs / 60000)} minutes and will not be restarted. See the "Istio mTLS Doctor" output, then run "Istio mTLS Doctor: Restart Server".` };
    }
    if (this.told) return { action: 'restart' };
    this.told = true;
    return { action: 'restart', message: 'The Istio mTLS Doctor server stopped unexpectedly and was restarted. The "Istio mTLS Doctor" output has its log.' };
  }

  /** A restart the user asked for clears the history. */
  reset(): void {
    this.crashes.length = 0;
  }
}
