import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import type { Entry, ZipFile } from 'yauzl';
import yauzl from 'yauzl';

/** Parts a workbook may hold: a real one has a few dozen, so thousands is a damaged or hostile file. */
const MAX_PARTS = 10_000;

/** An element as the handlers see it: its name without a namespace prefix, and its attributes. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

export interface XmlHandlers {
  open?: (element: XmlElement) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

/** `x:row` and `row` are the same element: some writers prefix SpreadsheetML's namespace. */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * A workbook opened through the zip's central directory, so that each part is read when asked for and
 * in the order asked for. A single pass over the local headers (what exceljs's streaming reader does)
 * meets the parts in the order the writer stored them and, under load, loses some of them.
 */
export class ZipParts {
  private constructor(
    private readonly zip: ZipFile,
    private readonly parts: ReadonlyMap<string, Entry>,
  ) {}

  static async open(path: string): Promise<ZipParts> {
    const zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: false });
    try {
      const parts = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) {
        if (parts.size >= MAX_PARTS) throw new Error(`more than ${MAX_PARTS} parts`);
        parts.set(entry.fileName.replace(/^\/+/, ''), entry);
      }
      return new ZipParts(zip, parts);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  /**
   * Streams a part through an XML parser, chunk by chunk; `between` runs after each chunk, so a caller
   * can hand on what the chunk produced before more is read.
   */
  async *parse(name: string, handlers: XmlHandlers): AsyncGenerator<void> {
    const entry = this.parts.get(name);
    if (!entry) throw new Error(`no part ${name}`);
    const parser = new SaxesParser({ xmlns: false });
    if (handlers.open) {
      const open = handlers.open;
      parser.on('opentag', (tag) => open({ name: localName(tag.name), attributes: tag.attributes }));
    }
    if (handlers.text) parser.on('text', handlers.text);
    if (handlers.close) {
      const close = handlers.close;
      parser.on('closetag', (tag) => close(localName(tag.name)));
    }
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    stream.setEncoding('utf8');
    try {
      for await (const chunk of stream) {
        parser.write(chunk as string);
        yield;
      }
      parser.close();
    } finally {
      stream.destroy();
    }
  }

  /** Reads a small part to its end. */
  async read(name: string, handlers: XmlHandlers): Promise<void> {
    for await (const _ of this.parse(name, handlers)) void _;
  }

  close(): void {
    this.zip.close();
  }
}
