/** Token bucket per socket: phones and tablets get `perSecond` requests with bursts of `burst`. */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface DeviceRate {
  perSecond: number;
  burst: number;
}

export const DEVICE_RATE: DeviceRate = { perSecond: 10, burst: 30 };

export const fullBucket = (now: number, rate: DeviceRate = DEVICE_RATE): Bucket => ({
  tokens: rate.burst,
  at: now,
});

/** takes one token if there is one (refilling for the time since the last call) */
export function takeToken(bucket: Bucket, now: number, rate: DeviceRate = DEVICE_RATE): boolean {
  bucket.tokens = Math.min(
    rate.burst,
    bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate.perSecond,
  );
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
