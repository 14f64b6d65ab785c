/**
 * The signatures each receiver checks. DingTalk and Feishu define theirs (both refuse a timestamp
 * more than an hour from their clock); the generic webhook's is ours, documented in
 * docs/notifications.md for the people who write receivers.
 */
import { createHmac } from 'node:crypto';

/**
 * DingTalk "加签": HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret`, Base64.
 * `timestamp` is in milliseconds; both go into the query string (URL-encoded there).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu "签名校验": HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message,
 * Base64. Note the key/message order differs from DingTalk's. `timestamp` is in seconds; both go
 * into the JSON body.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Ours: `sha256=` + hex HMAC-SHA256 of the raw body, keyed with the target's secret. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}
