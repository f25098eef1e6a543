import { randomBytes } from 'node:crypto';

/** A 64-hex id whose 12-char prefix is not all digits (moby pkg/stringid avoids those so short ids never parse as numbers). */
export function generateId(): string {
  for (;;) {
    const id = randomBytes(32).toString('hex');
    if (!/^\d{12}$/.test(id.slice(0, 12))) return id;
  }
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
