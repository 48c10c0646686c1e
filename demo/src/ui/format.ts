import type { Models } from 'appwrite';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Appwrite dates are ISO strings; '' means "never". */
export function formatDate(value: string): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

type Device = Pick<Models.Session, 'clientName' | 'clientVersion' | 'osName' | 'osVersion' | 'deviceName' | 'deviceBrand' | 'deviceModel'>;

/** "Chrome 126 on Linux" – the way Appwrite's console describes a session's device. */
export function describeClient(d: Device): string {
  const client = [d.clientName, d.clientVersion].filter(Boolean).join(' ') || 'Unknown client';
  const os = [d.osName, d.osVersion].filter(Boolean).join(' ');
  return os ? `${client} on ${os}` : client;
}

export function describeDevice(d: Device): string {
  return [d.deviceBrand, d.deviceModel].filter(Boolean).join(' ') || d.deviceName || '';
}

const PROVIDERS: Record<string, string> = {
  email: 'E-mail and password', anonymous: 'Guest', 'magic-url': 'Magic link', phone: 'Phone code', token: 'E-mail code',
  github: 'GitHub', google: 'Google',
};

export function providerName(provider: string): string {
  return PROVIDERS[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

export function initials(name: string, fallback: string): string {
  const words = (name || fallback).trim().split(/[\s@.]+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => w[0]).join('') || '?').toUpperCase();
}
