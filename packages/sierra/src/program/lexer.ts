import { SierraError } from '../errors.js';

export type TokenKind = 'ident' | 'int' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

// Longest-match literal tokens of the Sierra text grammar (multi-char first).
const PUNCT = [
  'storable:',
  'zero_sized:',
  'drop:',
  'dup:',
  'user@',
  'ut@',
  'lib@',
  '...',
  '::',
  '->',
  ':',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '=',
  '@',
  '.',
  '/',
  '\\',
  '-',
  '!',
];

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentChar = (c: number) => isIdentStart(c) || isDigit(c);

/** Splits Sierra text into tokens (whitespace and `//` comments skipped). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    // Identifier candidates (may be beaten by a longer literal such as `storable:` or `user@`).
    let identLen = 0;
    if (isIdentStart(c)) {
      identLen = 1;
      while (i + identLen < n && isIdentChar(text.charCodeAt(i + identLen))) identLen++;
    }
    let intLen = 0;
    if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      let j = c === 45 ? i + 1 : i;
      if (text[j] === '0') j++;
      else while (j < n && isDigit(text.charCodeAt(j))) j++;
      intLen = j - i;
    }
    let punct = '';
    for (const p of PUNCT) {
      if (text.startsWith(p, i)) {
        punct = p;
        break;
      }
    }
    const best = Math.max(identLen, intLen, punct.length);
    if (best === 0) throw new SierraError('SIERRA_PARSE_ERROR', `unexpected character at ${i}`, { pos: i });
    if (punct.length === best) out.push({ kind: 'punct', text: punct, pos: i });
    else if (identLen === best) out.push({ kind: 'ident', text: text.slice(i, i + best), pos: i });
    else out.push({ kind: 'int', text: text.slice(i, i + best), pos: i });
    i += best;
  }
  out.push({ kind: 'eof', text: '', pos: n });
  return out;
}
