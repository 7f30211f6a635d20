/** A token bucket per key (route and client address), as API Gateway throttles a route. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Takes one token; returns 0 when allowed, otherwise the milliseconds until a token is there. */
  take(key: string, limit: { perSecond: number; burst: number }): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / limit.perSecond) * 1000;
  }
}
