import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanError, CsvScanner } from '../../../electron/core/shop-import/csv-scanner';

/** Scans `text` given in pieces cut at `cuts`; answers the records, or the error's kind and line. */
function scan(text: string, cuts: number[] = [], delimiter = ',', maxChars = 1_000_000) {
  const scanner = new CsvScanner(delimiter, maxChars);
  const records = [];
  try {
    let from = 0;
    for (const cut of [...cuts, text.length].sort((a, b) => a - b)) {
      records.push(...scanner.push(text.slice(from, cut)));
      from = cut;
    }
    records.push(...scanner.end());
    return records;
  } catch (error) {
    if (error instanceof CsvScanError) return { error: error.kind, line: error.line };
    throw error;
  }
}

/** What csv-parse, which read the exports before, makes of the same text with the import's options. */
function oracle(text: string): string[][] | 'error' {
  try {
    return parse(text, { relax_column_count: true, relax_quotes: false, skip_empty_lines: true }) as string[][];
  } catch {
    return 'error';
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

describe('the CSV scanner', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes, and every line ending', () => {
    expect(scan('a,"b ""q"", c"\r\n"x\ny",z\rlast,\n')).toEqual([
      { line: 1, cells: ['a', 'b "q", c'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 4, cells: ['last', ''] },
    ]);
  });

  it('skips empty lines, counting them, and reads a last line with no line end', () => {
    expect(scan('h1;h2\n\n\r\nA;1\nB;2', [], ';')).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 4, cells: ['A', '1'] },
      { line: 5, cells: ['B', '2'] },
    ]);
  });

  it('reads the same records whatever pieces the text comes in', () => {
    const text = 'id,note\r\n1,"a ""b""\r\nc"\r\n2,plain\r\n3,""\r\n';
    const whole = scan(text);
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, [cut])).toEqual(whole);
    expect(scan(text, [3, 9, 10, 11, 15, 16, 17, 18])).toEqual(whole);
  });

  it('refuses a misplaced quote or a quote never closed, naming the line', () => {
    expect(scan('a,b\nc,d"e\n')).toEqual({ error: 'bad_quote', line: 2 });
    expect(scan('a,b\n"c"d,e\n')).toEqual({ error: 'bad_quote', line: 2 });
    expect(scan('a\n"multi\nline"x\n')).toEqual({ error: 'bad_quote', line: 3 });
    expect(scan('a\nb\n"never closed,\nc\n')).toEqual({ error: 'bad_quote', line: 3 });
  });

  it('refuses a record longer than its limit, naming the line it starts on', () => {
    expect(scan(`a\n"${'x'.repeat(50)}`, [10, 30], ',', 40)).toEqual({ error: 'too_long', line: 2 });
    expect(scan(`a\n${'x'.repeat(50)}\nb\n`, [], ',', 40)).toEqual({ error: 'too_long', line: 2 });
    expect(scan(`a\n${'x'.repeat(30)}\n`, [], ',', 40)).toHaveLength(2);
  });

  // csv-parse takes the first line end it meets as the only one (after \r\n a lone \n is part of a cell);
  // the scanner takes any of the three, so each text here keeps to one.
  it('reads what csv-parse read, and refuses what it refused, over many random texts cut at random', () => {
    const next = random(20261207);
    for (let round = 0; round < 3000; round++) {
      const end = ['\n', '\r\n', '\r'][next(3)]!;
      const alphabet = ['a', 'b', ' ', ',', '"', '""', end, end, 'é', ';'];
      // Half the texts are well formed (cells quoted when they need it), half anything at all.
      let text = '';
      if (round % 2 === 0) {
        const records = Array.from({ length: 1 + next(4) }, () =>
          Array.from({ length: 1 + next(3) }, () => {
            const cell = Array.from({ length: next(5) }, () => alphabet[next(alphabet.length)]).join('');
            return /[",\r\n]/.test(cell) || next(4) === 0 ? `"${cell.replaceAll('"', '""')}"` : cell;
          }).join(','),
        );
        text = records.join(end) + (next(2) ? end : '');
      } else {
        text = Array.from({ length: next(16) }, () => alphabet[next(alphabet.length)]).join('');
      }
      const cuts = Array.from({ length: next(4) }, () => next(text.length + 1));
      const expected = oracle(text);
      const got = scan(text, cuts);
      const cells = Array.isArray(got) ? got.map((record) => record.cells) : 'error';
      expect({ text, cells }).toEqual({ text, cells: expected });
    }
  });
});
