/**
 * E-mail over SMTP with nodemailer, with SMTP's own failure classes kept: a 4xx reply or a lost
 * connection is temporary, a 5xx reply or a refused login is permanent.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../platform/config.js';
import { NotificationRejectedError, NotificationUnavailableError } from './errors.js';

export type { SmtpSettings };

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Same delivery, same Message-ID: mail clients fold a repeated send into one message. */
  deliveryId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Not pooled: a connection per message, so an idle worker holds no SMTP connection open. */
export function createMailer(settings: SmtpSettings, timeoutMs: number): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.auth ? { auth: settings.auth } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const domain = senderDomain(settings.from);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${createHash('sha256').update(mail.deliveryId).digest('hex').slice(0, 32)}@${domain}>`,
        });
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
  };
}

/** nodemailer's errors carry the SMTP reply code (`responseCode`) and its own `code`. */
function classifySmtpError(err: unknown): Error {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const reply = e.response ?? e.message ?? String(err);
  const message = `e-mail server${e.responseCode ? ` answered ${e.responseCode}` : ''}: ${reply}`.slice(0, 300);
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) {
    return new NotificationUnavailableError(message, { cause: err });
  }
  const permanent = (e.responseCode ?? 0) >= 500 || e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
  return permanent ? new NotificationRejectedError(message, { cause: err }) : new NotificationUnavailableError(message, { cause: err });
}

function senderDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'campaign-engine.local';
}
