import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { mimeTypeOf } from './security-headers';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads a file of the built renderer for a URL path, refusing anything that would resolve outside
 * its folder (`..`, encoded slashes, absolute paths). Unknown paths get the index page so that a
 * reload on any screen works.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = resolve(rootDir);
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const target = resolve(root, relative);
  if (target !== root && !target.startsWith(root + sep)) return null;
  try {
    return { body: await readFile(target), contentType: mimeTypeOf(target) };
  } catch {
    if (relative.includes('.')) return null;
    try {
      return { body: await readFile(resolve(root, 'index.html')), contentType: mimeTypeOf('index.html') };
    } catch {
      return null;
    }
  }
}
