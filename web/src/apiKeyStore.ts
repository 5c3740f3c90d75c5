/**
 * The API key a person entered in the playground or the explorer, kept for
 * the browser session only (sessionStorage: gone when the tab closes, never
 * written to disk by us, shared by both pages of this origin).
 */
export const API_KEY_STORAGE_KEY = 'greengraph.apiKey';

export function readApiKey(): string | null {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** Stores the key, or forgets it when `key` is empty. */
export function storeApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed) sessionStorage.setItem(API_KEY_STORAGE_KEY, trimmed);
  else sessionStorage.removeItem(API_KEY_STORAGE_KEY);
}

/** The Authorization header for the stored key, if there is one. */
export function authorizationHeader(): Record<string, string> {
  const key = readApiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}
