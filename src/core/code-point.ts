/**
 * Orders strings by Unicode code point (the order of their UTF-8 bytes), never by
 * locale: `'Z' < 'a' < 'é' < '😀'` on every machine.
 */
export function codePointCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
