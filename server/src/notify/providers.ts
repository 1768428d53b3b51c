/**
 * Where messages go: Twilio for SMS, SMTP (nodemailer) for email, or the `log` provider, which
 * only records (the outbox row itself is the stored message the dispatcher reads) — the
 * embedded demo's default, and the fallback for a channel that is not configured.
 */
import { createHash, randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Twilio } from 'twilio';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Claimed } from './outbox-repo.ts';

export interface Provider {
  name: string;
  /** Answers the provider's message id; throws when the message was not accepted. */
  send(m: Claimed): Promise<string | null>;
  close?(): void;
}

export const logProvider = (log: Logger): Provider => ({
  name: 'log',
  async send(m) {
    log.info({ channel: m.channel, to: m.recipient, subject: m.subject }, 'notification (log provider)');
    return `log-${randomUUID()}`;
  },
});

/** The status callback URL Twilio is told to call, when the public address is known. */
export const twilioCallbackUrl = (config: Config) =>
  config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/$/, '')}/api/notify/twilio/status` : undefined;

export function twilioProvider(config: Config): Provider {
  // The twilio package costs ~15 MB of memory: loaded on the first SMS, not at start.
  let client: Promise<Twilio> | null = null;
  const connect = async () => {
    const { default: twilio } = await import('twilio');
    const c = twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN);
    // Tests point the Messages API at a local stand-in.
    if (config.TWILIO_API_BASE_URL) c.api.baseUrl = config.TWILIO_API_BASE_URL.replace(/\/$/, '');
    return c;
  };
  const statusCallback = twilioCallbackUrl(config);
  return {
    name: 'twilio',
    async send(m) {
      client ??= connect();
      // Twilio's Messages API takes no idempotency key (its create call has no such parameter or
      // header; `I-Twilio-Idempotency-Token` is only on the webhooks Twilio sends us). A repeat
      // therefore cannot be refused by Twilio: the lease and its heartbeat keep repeats to the
      // cases outbox-repo.ts lists. `attempt` tells Twilio which attempt of ours this is.
      const msg = await (await client).messages.create({
        to: m.recipient,
        body: m.body,
        attempt: m.attempts,
        ...(config.TWILIO_MESSAGING_SERVICE_SID
          ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }
          : { from: config.TWILIO_FROM! }),
        ...(statusCallback ? { statusCallback } : {}),
      });
      return msg.sid;
    },
  };
}

/** The domain of the sender address (`Name <user@domain>` or `user@domain`). */
const mailDomain = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'tournee.local';

/**
 * The Message-ID of every send of an outbox row: derived from its idempotency key, so a resend
 * (after a crash, an error or a dispatcher's resend) carries the same one and mail systems and
 * clients can drop the repeat.
 */
export const stableMessageId = (key: string, from: string) =>
  `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${mailDomain(from)}>`;

export function smtpProvider(config: Config): Provider {
  const transport: Transporter = nodemailer.createTransport(config.SMTP_URL!);
  return {
    name: 'smtp',
    async send(m) {
      const info = await transport.sendMail({
        messageId: stableMessageId(m.key, config.MAIL_FROM),
        from: config.MAIL_FROM,
        to: m.recipient,
        subject: m.subject ?? '',
        text: m.body,
        ...(m.html ? { html: m.html } : {}),
      });
      return info.messageId ?? null;
    },
    close: () => transport.close(),
  };
}

/** One provider per channel from the configuration (log where a channel is not configured). */
export function providersFor(config: Config, log: Logger): { sms: Provider; email: Provider } {
  const fallback = logProvider(log);
  if (config.NOTIFY_PROVIDER === 'log') return { sms: fallback, email: fallback };
  const smsReady =
    config.TWILIO_ACCOUNT_SID &&
    config.TWILIO_AUTH_TOKEN &&
    (config.TWILIO_FROM || config.TWILIO_MESSAGING_SERVICE_SID);
  if (!smsReady) log.warn('NOTIFY_PROVIDER=live without TWILIO_* settings: SMS go to the log provider');
  if (!config.SMTP_URL) log.warn('NOTIFY_PROVIDER=live without SMTP_URL: email goes to the log provider');
  return {
    sms: smsReady ? twilioProvider(config) : fallback,
    email: config.SMTP_URL ? smtpProvider(config) : fallback,
  };
}
