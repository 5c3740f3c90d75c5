/** The page the explorer runs in: its elements, its status line, and how errors reach the user. */
import { GreengraphError } from '@greengraph/client';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export const status = (text: string) => ($('status').textContent = text);

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Tells the user what went wrong, and what to do when the server wants an API key. */
export function report(error: unknown): void {
  if (error instanceof GreengraphError && error.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    status(`${error.message}. This server needs an API key for reads: enter one in the key field above.`);
    return;
  }
  status(error instanceof GreengraphError ? `${error.message}` : `Something went wrong: ${String(error)}`);
}
