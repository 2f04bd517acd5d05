// The OData subset entitlement management accepts on assignment requests: $select, $expand,
// $filter (a few documented clauses joined by `and`) and $skiptoken from a nextLink. Anything
// else is refused, as Graph refuses what a resource does not support, so an app that relies on
// undocumented options fails here first.
import { ODataError } from './errors.ts';

export interface ExpandItem {
  name: string;
  select?: string[];
  expand: ExpandItem[];
}

export interface QueryOptions {
  select?: string[];
  expand: ExpandItem[];
  filter?: string;
  skiptoken?: string;
}

/** OData system query options Graph knows but this resource does not allow. */
const KNOWN_NOT_ALLOWED: Record<string, string> = {
  $top: 'Top',
  $skip: 'Skip',
  $orderby: 'OrderBy',
  $count: 'Count',
  $search: 'Search',
  $format: 'Format',
  $apply: 'Apply',
  $compute: 'Compute',
  $levels: 'Levels',
  $deltatoken: 'DeltaToken',
  $index: 'Index',
};

/**
 * Reads the system query options. `allowed` lists the ones this operation takes; options
 * without `$` are not OData options and are ignored, as Graph v1.0 ignores them.
 */
export function readQueryOptions(
  params: URLSearchParams,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawKey, value] of params) {
    if (!rawKey.startsWith('$')) continue;
    // Graph matches system query option names case-insensitively.
    const key = rawKey.toLowerCase();
    if (key in out) {
      throw new ODataError(
        `Query option '${key}' was specified more than once, but it must be specified at most once.`,
      );
    }
    if (!allowed.has(key)) {
      const known = KNOWN_NOT_ALLOWED[key];
      if (known || key === '$filter' || key === '$skiptoken') {
        // The wording of ASP.NET OData's query validator, which Graph services surface as is.
        throw new ODataError(
          `Query option '${known ?? key}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
        );
      }
      throw new ODataError(`The query parameter '${rawKey}' is not supported.`);
    }
    out[key] = value;
  }
  return out;
}

export function parseSelect(text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => !/^(\*|[A-Za-z_][A-Za-z0-9_]*)$/.test(s))) {
    throw new ODataError(`Syntax error: '${text}' is not a valid $select value.`);
  }
  return items;
}

/** Splits on a separator outside parentheses. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new ODataError(`Syntax error: unbalanced parentheses in '${text}'.`);
  }
  if (depth !== 0) throw new ODataError(`Syntax error: unbalanced parentheses in '${text}'.`);
  parts.push(text.slice(start));
  return parts;
}

export function parseExpand(text: string): ExpandItem[] {
  return splitTop(text, ',').map((raw) => {
    const part = raw.trim();
    const m = /^(\*|[A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s.exec(part);
    if (!m?.[1]) throw new ODataError(`Syntax error: '${part}' is not a valid $expand item.`);
    const item: ExpandItem = { name: m[1], expand: [] };
    if (m[2] !== undefined && m[2].trim() !== '') {
      for (const opt of splitTop(m[2], ';')) {
        const eq = opt.indexOf('=');
        const key = opt.slice(0, eq).trim().toLowerCase();
        const value = opt.slice(eq + 1).trim();
        if (eq < 0 || !value) {
          throw new ODataError(`Syntax error: '${opt}' is not a valid nested query option.`);
        }
        if (key === '$select') item.select = parseSelect(value);
        else if (key === '$expand') item.expand = parseExpand(value);
        else throw new ODataError(`Query option '${key}' is not allowed inside $expand here.`);
      }
    }
    return item;
  });
}

// ---- $filter ----

/**
 * Reads the OData string literal that starts at `text[start]` (a quote); a quote inside is
 * written twice. Returns its value and the index just past its closing quote.
 */
export function readStringLiteral(text: string, start: number): { value: string; end: number } {
  let j = start + 1;
  let value = '';
  for (;;) {
    if (j >= text.length) {
      throw new ODataError(
        `Invalid filter clause: unterminated string literal at position ${start} in '${text}'.`,
      );
    }
    if (text[j] === "'") {
      if (text[j + 1] === "'") {
        value += "'";
        j += 2;
        continue;
      }
      return { value, end: j + 1 };
    }
    value += text[j];
    j++;
  }
}

type Token =
  | { t: 'str'; v: string; pos: number }
  | { t: 'date'; v: string; pos: number }
  | { t: 'num'; v: string; pos: number }
  | { t: 'guid'; v: string; pos: number }
  | { t: 'ident'; v: string; pos: number }
  | { t: 'punct'; v: '(' | ')' | ','; pos: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?/;
const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const syntax = (pos: number): ODataError =>
    new ODataError(`Invalid filter clause: syntax error at position ${pos} in '${text}'.`);
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      const { value, end } = readStringLiteral(text, i);
      tokens.push({ t: 'str', v: value, pos: i });
      i = end;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID_RE.exec(rest);
    if (guid) {
      tokens.push({ t: 'guid', v: guid[0], pos: i });
      i += guid[0].length;
      continue;
    }
    const date = DATE_RE.exec(rest);
    if (date) {
      tokens.push({ t: 'date', v: date[0], pos: i });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_$@][A-Za-z0-9_.]*(?:\/[A-Za-z_][A-Za-z0-9_.]*)*/.exec(rest);
    if (ident) {
      tokens.push({ t: 'ident', v: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    throw syntax(i);
  }
  return tokens;
}

type Literal = { kind: 'str' | 'date' | 'num' | 'guid' | 'null' | 'bool'; value: string };
type Node =
  | { k: 'and' | 'or'; left: Node; right: Node }
  | { k: 'not'; operand: Node }
  | { k: 'cmp'; op: string; left: Operand; right: Operand }
  | { k: 'in'; left: Operand; list: Operand[] }
  | { k: 'call'; name: string; args: Operand[] };
type Operand =
  { k: 'path'; path: string } | { k: 'lit'; lit: Literal } | { k: 'call'; name: string; args: Operand[] };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has']);
const OP_NAMES: Record<string, string> = {
  eq: 'Equals',
  ne: 'NotEquals',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  has: 'Has',
};

function parseFilterAst(text: string): Node {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const fail = (tok?: Token): never => {
    throw new ODataError(
      `Invalid filter clause: syntax error at position ${tok ? tok.pos : text.length} in '${text}'.`,
    );
  };
  const isWord = (tok: Token | undefined, w: string): boolean =>
    tok?.t === 'ident' && tok.v.toLowerCase() === w;
  const expectPunct = (v: string): void => {
    const tok = peek();
    if (tok?.t !== 'punct' || tok.v !== v) fail(tok);
    p++;
  };

  const operand = (): Operand => {
    const tok = peek();
    if (!tok) return fail();
    p++;
    switch (tok.t) {
      case 'str':
        return { k: 'lit', lit: { kind: 'str', value: tok.v } };
      case 'date':
        return { k: 'lit', lit: { kind: 'date', value: tok.v } };
      case 'num':
        return { k: 'lit', lit: { kind: 'num', value: tok.v } };
      case 'guid':
        return { k: 'lit', lit: { kind: 'guid', value: tok.v } };
      case 'ident': {
        const low = tok.v.toLowerCase();
        if (low === 'null') return { k: 'lit', lit: { kind: 'null', value: 'null' } };
        if (low === 'true' || low === 'false') return { k: 'lit', lit: { kind: 'bool', value: low } };
        const next = peek();
        if (next?.t === 'punct' && next.v === '(') {
          p++;
          const args: Operand[] = [];
          if (!(peek()?.t === 'punct' && (peek() as Token).v === ')')) {
            for (;;) {
              args.push(operand());
              // Lambda bodies such as any(t: t/id eq '...') are swallowed as unsupported calls.
              while (peek() && !(peek()?.t === 'punct' && [',', ')'].includes((peek() as Token).v))) p++;
              if (peek()?.t === 'punct' && (peek() as Token).v === ',') {
                p++;
                continue;
              }
              break;
            }
          }
          expectPunct(')');
          return { k: 'call', name: tok.v, args };
        }
        return { k: 'path', path: tok.v };
      }
      case 'punct':
        return fail(tok);
    }
  };

  const primary = (): Node => {
    const tok = peek();
    if (isWord(tok, 'not')) {
      p++;
      return { k: 'not', operand: primary() };
    }
    if (tok?.t === 'punct' && tok.v === '(') {
      p++;
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    const left = operand();
    const opTok = peek();
    if (opTok?.t === 'ident' && COMPARISONS.has(opTok.v.toLowerCase())) {
      p++;
      return { k: 'cmp', op: opTok.v.toLowerCase(), left, right: operand() };
    }
    if (isWord(opTok, 'in')) {
      p++;
      expectPunct('(');
      const list: Operand[] = [operand()];
      while (peek()?.t === 'punct' && (peek() as Token).v === ',') {
        p++;
        list.push(operand());
      }
      expectPunct(')');
      return { k: 'in', left, list };
    }
    if (left.k === 'call') return left;
    return fail(opTok);
  };

  const andExpr = (): Node => {
    let left = primary();
    while (isWord(peek(), 'and')) {
      p++;
      left = { k: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Node => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      p++;
      left = { k: 'or', left, right: andExpr() };
    }
    return left;
  };

  if (tokens.length === 0) fail();
  const ast = orExpr();
  if (p < tokens.length) fail(tokens[p]);
  return ast;
}

// ---- compiling the supported clauses ----

export type FilterClause =
  | { kind: 'state'; value: string }
  | { kind: 'accessPackageId'; value: string }
  | { kind: 'createdDateTime'; op: 'gt' | 'ge' | 'lt' | 'le'; value: number };

export interface FilterVocabulary {
  /** 'state' (v1.0) or 'requestState' (beta). */
  stateProperty: string;
  /** For v1.0's enum: a value outside it is a bad literal. Undefined for beta's plain string. */
  stateEnum?: ReadonlySet<string>;
  /** Every property of the entity, to tell "unknown" from "not filterable". */
  properties: ReadonlySet<string>;
  entityType: string;
}

function describe(node: Node | Operand): string {
  switch (node.k) {
    case 'and':
    case 'or':
      return `${describe(node.left)} ${node.k === 'and' ? 'And' : 'Or'} ${describe(node.right)}`;
    case 'not':
      return `Not ${describe(node.operand)}`;
    case 'cmp':
      return `${describe(node.left)} ${OP_NAMES[node.op] ?? node.op} ${describe(node.right)}`;
    case 'in':
      return `${describe(node.left)} In (${node.list.map(describe).join(', ')})`;
    case 'call':
      return `${node.name}(${node.args.map(describe).join(', ')})`;
    case 'path':
      return node.path;
    case 'lit':
      return node.lit.value;
  }
}

function notSupported(node: Node): ODataError {
  // Entitlement management's own wording for a well-formed filter it cannot run
  // (seen on accessPackageAssignments and accessPackageAssignmentPolicies).
  return new ODataError(
    `OData query is invalid: Filter '${describe(node)} is not supported. .`,
    'InvalidFilter',
  );
}

function checkPath(path: string, vocab: FilterVocabulary): void {
  const head = path.split('/')[0] ?? path;
  if (!vocab.properties.has(head)) {
    throw new ODataError(`Could not find a property named '${head}' on type '${vocab.entityType}'.`);
  }
}

/** Parses `$filter` and keeps only what entitlement management supports on requests. */
export function compileFilter(text: string, vocab: FilterVocabulary): FilterClause[] {
  const ast = parseFilterAst(text);
  const clauses: FilterClause[] = [];
  const visitPaths = (n: Node | Operand): void => {
    if (n.k === 'path') checkPath(n.path, vocab);
    else if (n.k === 'and' || n.k === 'or') {
      visitPaths(n.left);
      visitPaths(n.right);
    } else if (n.k === 'not') visitPaths(n.operand);
    else if (n.k === 'cmp') {
      visitPaths(n.left);
      visitPaths(n.right);
    } else if (n.k === 'in') visitPaths(n.left);
    else if (n.k === 'call') n.args.forEach(visitPaths);
  };
  visitPaths(ast);

  const walk = (n: Node): void => {
    if (n.k === 'and') {
      walk(n.left);
      walk(n.right);
      return;
    }
    if (n.k !== 'cmp' || n.left.k !== 'path' || n.right.k !== 'lit') throw notSupported(n);
    const path = n.left.path;
    const lit = n.right.lit;
    if (path === vocab.stateProperty && n.op === 'eq') {
      if (lit.kind !== 'str') throw incompatible(n, 'Edm.String');
      if (vocab.stateEnum && !vocab.stateEnum.has(lit.value)) {
        throw new ODataError(`The string '${lit.value}' is not a valid enumeration type constant.`);
      }
      clauses.push({ kind: 'state', value: lit.value });
      return;
    }
    if (path === 'accessPackage/id' && n.op === 'eq') {
      if (lit.kind !== 'str') throw incompatible(n, 'Edm.String');
      clauses.push({ kind: 'accessPackageId', value: lit.value.toLowerCase() });
      return;
    }
    if (path === 'createdDateTime' && (n.op === 'gt' || n.op === 'ge' || n.op === 'lt' || n.op === 'le')) {
      if (lit.kind !== 'date') throw incompatible(n, 'Edm.DateTimeOffset');
      const ms = Date.parse(lit.value);
      if (Number.isNaN(ms)) throw new ODataError(`The DateTimeOffset text '${lit.value}' is not valid.`);
      clauses.push({ kind: 'createdDateTime', op: n.op, value: ms });
      return;
    }
    throw notSupported(n);
  };
  walk(ast);
  return clauses;
}

function incompatible(n: Extract<Node, { k: 'cmp' }>, expected: string): ODataError {
  const found = n.right.k === 'lit' ? literalType(n.right.lit) : 'unknown';
  return new ODataError(
    `A binary operator with incompatible types was detected. Found operand types '${expected}' and '${found}' for operator kind '${OP_NAMES[n.op] ?? n.op}'.`,
  );
}

function literalType(lit: Literal): string {
  switch (lit.kind) {
    case 'str':
      return 'Edm.String';
    case 'date':
      return 'Edm.DateTimeOffset';
    case 'num':
      return 'Edm.Int32';
    case 'guid':
      return 'Edm.Guid';
    case 'bool':
      return 'Edm.Boolean';
    case 'null':
      return '<null>';
  }
}
