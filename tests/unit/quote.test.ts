import { describe, expect, it } from 'vitest';
import { commentSafe, quoteIdent, quoteString } from '../../src/core/quote.js';

describe('quoting', () => {
  it('escapes quotes, backslashes and control characters in string literals', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('a\\b')).toBe("'a\\\\b'");
    expect(quoteString('x\ny\tz\0')).toBe("'x\\ny\\tz\\0'");
    expect(quoteString('\x01')).toBe("'\\x01'");
    expect(quoteString('')).toBe("''");
    expect(quoteString('😀 é')).toBe("'😀 é'");
  });

  it('escapes backticks in identifiers', () => {
    expect(quoteIdent('int1')).toBe('`int1`');
    expect(quoteIdent('a`b')).toBe('`a``b`');
    expect(quoteIdent('a\\b')).toBe('`a\\\\b`');
  });

  it('keeps data from ending a comment line', () => {
    expect(commentSafe('a\nDROP TABLE x')).toBe('a\\u000aDROP TABLE x');
    expect(commentSafe('a\u2028b')).not.toContain('\u2028');
  });
});
