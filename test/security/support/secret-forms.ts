import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The ways a secret could be written down: as is, URL-encoded, base64, in a Basic auth header. */
export function secretForms(secret: string, clientId: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${clientId}:${secret}`).toString('base64'),
    Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64'),
  ];
}

function contains(bytes: Buffer, form: string): boolean {
  return bytes.includes(Buffer.from(form, 'utf8')) || bytes.includes(Buffer.from(form, 'utf16le'));
}

/** `where: form` for every place (file or named text) holding one of the forms, as UTF-8 or UTF-16. */
export function leaks(forms: readonly string[], places: Record<string, Buffer | string>): string[] {
  return Object.entries(places).flatMap(([where, content]) => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    return forms.filter((form) => contains(bytes, form)).map((form) => `${where}: ${form}`);
  });
}

/** Every file under a folder, by its path relative to the folder. */
export function filesUnder(dir: string): Record<string, Buffer> {
  const walk = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(path, e.name)) : [join(path, e.name)],
    );
  return Object.fromEntries(walk(dir).map((file) => [relative(dir, file), readFileSync(file)]));
}
