/**
 * SQL that a spec supplies (a KPI, an aggregate, a view, a computed column) is pasted into a
 * statement of the plan, or sent to PostgreSQL. Before it gets there it must be one piece of one
 * statement: no `;` that would start a second one, no comment that would swallow what follows it,
 * no quote or parenthesis left open or closed early. This is a lexer, not a parser: it reads
 * strings, quoted names and parentheses the way the engine does, and leaves the grammar to it.
 */

export type FragmentShape = 'select' | 'expression';
export type FragmentDialect = 'clickhouse' | 'postgres';

/** Words that, outside parentheses, would make an expression more than an expression. */
const CLAUSE_WORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'INTO',
  'FORMAT',
  'SETTINGS',
  'WITH',
]);
/** Words that, outside parentheses, would make a SELECT write or change how it is returned. */
const SELECT_WORDS = new Set(['INTO', 'FORMAT']);

interface Token {
  word: string;
  depth: number;
  at: number;
}

/** Where a quoted run starting at `i` ends (the index after its closing quote), or -1 when it never does. */
function quotedEnd(sql: string, i: number, quote: string, backslash: boolean): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (backslash && sql[j] === '\\') j++;
    else if (sql[j] === quote) {
      if (sql[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return -1;
}

/**
 * PostgreSQL's dollar quoting: `$$…$$` or `$tag$…$tag$` starting at `i`; the index after it, -1 if unclosed, null if
 * `i` starts none.
 */
function dollarEnd(sql: string, i: number): number | null {
  const open = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
  if (!open) return null;
  const close = sql.indexOf(open[0], i + open[0].length);
  return close < 0 ? -1 : close + open[0].length;
}

/**
 * What is wrong with a fragment, in one sentence, or null when it is one piece of one statement.
 * `select`: a query (SELECT or WITH …); `expression`: a value inside a SELECT list. Pure.
 */
export function fragmentProblem(sql: string, shape: FragmentShape, dialect: FragmentDialect): string | null {
  const words: Token[] = [];
  const open: string[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length;) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-')
      return `it has a comment (-- at character ${i + 1}), which would hide what the plan writes after it; describe it in the spec instead`;
    if (c === '/' && next === '*')
      return `it has a comment (/* at character ${i + 1}); describe it in the spec instead`;
    if (c === '#' && dialect === 'clickhouse')
      return `it has a comment (# at character ${i + 1}), which would hide what the plan writes after it`;
    if (c === ';')
      return `it holds more than one statement (a ; at character ${i + 1}); a spec's SQL is one ${shape === 'select' ? 'SELECT' : 'expression'} without a ;`;
    if (c === '\0') return 'it holds a NUL character';
    if (c === "'" || c === '"' || (c === '`' && dialect === 'clickhouse')) {
      const escaped = c === "'" && (dialect === 'clickhouse' || /[eE]$/.test(sql.slice(Math.max(0, i - 1), i)));
      const end = quotedEnd(sql, i, c, escaped || (dialect === 'clickhouse' && c !== "'"));
      if (end < 0) return `a ${c === "'" ? 'string' : 'quoted name'} opened at character ${i + 1} is never closed`;
      i = end;
      continue;
    }
    if (c === '$' && dialect === 'postgres') {
      const end = dollarEnd(sql, i);
      if (end === -1) return `a dollar-quoted string opened at character ${i + 1} is never closed`;
      if (end !== null) {
        i = end;
        continue;
      }
    }
    if (c === '(' || c === '[') {
      open.push(c);
      depth++;
    }
    if (c === ')' || c === ']') {
      const opener = c === ')' ? '(' : '[';
      if (open.pop() !== opener) return `a ${c} at character ${i + 1} closes a ${opener} the ${shape} did not open`;
      depth--;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
    if (word) {
      words.push({ word: word[0].toUpperCase(), depth, at: i });
      i += word[0].length;
      continue;
    }
    i++;
  }
  if (open.length > 0)
    return `${open.map((o) => `a ${o}`).join(' and ')} ${open.length === 1 ? 'is' : 'are'} left open`;
  const top = words.filter((w) => w.depth === 0);
  if (shape === 'select') {
    const first = sql.trimStart();
    if (!/^(SELECT|WITH)\b/i.test(first) && !first.startsWith('('))
      return `it does not start with SELECT or WITH (it starts "${first.slice(0, 20)}")`;
    if (dialect === 'clickhouse') {
      const bad = top.find((w) => SELECT_WORDS.has(w.word));
      if (bad)
        return `${bad.word} at character ${bad.at + 1} would change where or how the result goes; the plan decides that`;
    }
    return null;
  }
  if (sql.trim() === '') return 'it is empty';
  const clause = top.find((w) => CLAUSE_WORDS.has(w.word));
  return clause
    ? `${clause.word} at character ${clause.at + 1} makes it more than an expression (a subquery goes in parentheses)`
    : null;
}
