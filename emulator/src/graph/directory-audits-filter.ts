// `$filter` on /auditLogs/directoryAudits: the clauses the List directoryAudits and directoryAudit
// pages document, joined by `and`. Everything else is refused with 400, so an app that relies on
// an undocumented clause fails here before it fails against a tenant.
//   activityDateTime eq|ge|le <DateTimeOffset>           activityDisplayName eq, startswith
//   loggedByService eq                                    id eq, correlationId eq
//   initiatedBy/user/{id,displayName,userPrincipalName} eq, startswith(initiatedBy/user/userPrincipalName, ...)
//   initiatedBy/app/{appId,displayName} eq
//   targetResources/any(t: t/id eq '...'), t/displayName eq, startswith(t/displayName, '...')
import { ODataError } from './errors.ts';
import { readStringLiteral } from './odata.ts';

export type AuditPredicate = (audit: Readonly<Record<string, unknown>>) => boolean;

type Token =
  | { t: 'str'; v: string; pos: number }
  | { t: 'date'; v: string; pos: number }
  | { t: 'guid'; v: string; pos: number }
  | { t: 'num'; v: string; pos: number }
  | { t: 'ident'; v: string; pos: number }
  | { t: 'punct'; v: '(' | ')' | ',' | ':'; pos: number };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}(?![\d-])/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;
/** Tried in order: a GUID or a date would otherwise read as a number. */
const LITERALS: readonly [Exclude<Token['t'], 'str' | 'punct'>, RegExp][] = [
  ['guid', GUID],
  ['date', DATE_TIME],
  ['num', DATE_ONLY],
  ['num', /^-?\d+(?:\.\d+)?/],
  ['ident', IDENT],
];

const ENTITY = 'microsoft.graph.directoryAudit';
const PROPERTIES = new Set(
  [
    'activityDateTime',
    'activityDisplayName',
    'additionalDetails',
    'category',
    'correlationId',
    'id',
    'initiatedBy',
    'loggedByService',
    'operationType',
    'result',
    'resultReason',
    'targetResources',
  ].map((p) => p.toLowerCase()),
);

type Op = 'eq' | 'ge' | 'le' | 'startswith';

/** Documented filterable paths (lower case) and their operators. */
const FILTERABLE: Record<string, { type: 'date' | 'string'; ops: readonly Op[] }> = {
  activitydatetime: { type: 'date', ops: ['eq', 'ge', 'le'] },
  activitydisplayname: { type: 'string', ops: ['eq', 'startswith'] },
  loggedbyservice: { type: 'string', ops: ['eq'] },
  id: { type: 'string', ops: ['eq'] },
  correlationid: { type: 'string', ops: ['eq'] },
  'initiatedby/user/id': { type: 'string', ops: ['eq'] },
  'initiatedby/user/displayname': { type: 'string', ops: ['eq'] },
  'initiatedby/user/userprincipalname': { type: 'string', ops: ['eq', 'startswith'] },
  'initiatedby/app/appid': { type: 'string', ops: ['eq'] },
  'initiatedby/app/displayname': { type: 'string', ops: ['eq'] },
};
/** Inside targetResources/any(t: ...), relative to the lambda variable. */
const TARGET_FILTERABLE: Record<string, readonly Op[]> = {
  id: ['eq'],
  displayname: ['eq', 'startswith'],
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === ':') {
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
    let matched: Token | undefined;
    for (const [t, re] of LITERALS) {
      const m = re.exec(rest);
      if (m) {
        matched = { t, v: m[0], pos: i };
        break;
      }
    }
    if (!matched) throw new ODataError(`Invalid filter clause: syntax error at position ${i}.`);
    tokens.push(matched);
    i += matched.v.length;
  }
  return tokens;
}

function notSupported(what: string): ODataError {
  return new ODataError(`Invalid filter clause: '${what}' is not supported on directoryAudits.`);
}

/** Reads a property path (`initiatedBy/user/id`) from a shaped directoryAudit. */
function read(audit: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = audit;
  for (const segment of path.split('/')) {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? undefined : record[key];
  }
  return value;
}

// String comparisons ignore case, as the directory's do; Microsoft does not document it for audit logs.
const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
const starts = (a: unknown, b: string): boolean =>
  typeof a === 'string' && a.toLowerCase().startsWith(b.toLowerCase());

/** Compiles `$filter` into a predicate over shaped directoryAudit objects. */
export function compileAuditFilter(text: string): AuditPredicate {
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
  const punct = (v: string): void => {
    const tok = peek();
    if (tok?.t !== 'punct' || tok.v !== v) fail(tok);
    p++;
  };
  const stringLiteral = (what: string): string => {
    const tok = peek();
    if (tok?.t === 'str' || tok?.t === 'guid') {
      p++;
      return tok.v;
    }
    if (!tok) return fail();
    throw new ODataError(
      `A binary operator with incompatible types was detected. Found operand types 'Edm.String' and '${literalType(tok)}' for '${what}'.`,
    );
  };

  /** A path outside a lambda: known on the entity, else Graph's "could not find a property". */
  const checkPath = (path: string): void => {
    const head = path.split('/')[0]?.toLowerCase() ?? '';
    if (!PROPERTIES.has(head)) {
      throw new ODataError(
        `Could not find a property named '${path.split('/')[0] ?? ''}' on type '${ENTITY}'.`,
      );
    }
  };

  const lambdaClause = (variable: string): ((target: Readonly<Record<string, unknown>>) => boolean) => {
    const tok = peek();
    const relative = (path: string): string => {
      const [head, ...rest] = path.split('/');
      if (head !== variable || rest.length !== 1) throw notSupported(`targetResources/any(${path})`);
      return (rest[0] as string).toLowerCase();
    };
    if (isWord(tok, 'startswith')) {
      p++;
      punct('(');
      const pathTok = peek();
      if (pathTok?.t !== 'ident') return fail(pathTok);
      p++;
      const prop = relative(pathTok.v);
      punct(',');
      const value = stringLiteral(`startswith(${pathTok.v})`);
      punct(')');
      if (!TARGET_FILTERABLE[prop]?.includes('startswith')) throw notSupported(`startswith(${pathTok.v})`);
      return (target) => starts(read(target, prop), value);
    }
    if (tok?.t !== 'ident') return fail(tok);
    p++;
    const prop = relative(tok.v);
    const opTok = peek();
    if (opTok?.t !== 'ident') return fail(opTok);
    p++;
    const op = opTok.v.toLowerCase();
    const value = stringLiteral(`${tok.v} ${op}`);
    if (op !== 'eq' || !TARGET_FILTERABLE[prop]?.includes('eq')) throw notSupported(`${tok.v} ${op}`);
    return (target) => same(read(target, prop), value);
  };

  const primary = (): AuditPredicate => {
    const tok = peek();
    if (!tok) return fail();
    if (tok.t === 'punct' && tok.v === '(') {
      p++;
      const inner = expression();
      punct(')');
      return inner;
    }
    if (isWord(tok, 'not')) throw notSupported('not');
    if (tok.t !== 'ident') return fail(tok);

    if (isWord(tok, 'startswith')) {
      p++;
      punct('(');
      const pathTok = peek();
      if (pathTok?.t !== 'ident') return fail(pathTok);
      p++;
      checkPath(pathTok.v);
      punct(',');
      const value = stringLiteral(`startswith(${pathTok.v})`);
      punct(')');
      const path = pathTok.v.toLowerCase();
      if (!FILTERABLE[path]?.ops.includes('startswith')) throw notSupported(`startswith(${pathTok.v})`);
      return (audit) => starts(read(audit, path), value);
    }

    p++;
    if (/^targetresources\/any$/i.test(tok.v) && peek()?.t === 'punct' && peek()?.v === '(') {
      p++;
      const varTok = peek();
      if (varTok?.t !== 'ident' || varTok.v.includes('/')) return fail(varTok);
      p++;
      punct(':');
      const clause = lambdaClause(varTok.v);
      if (isWord(peek(), 'and') || isWord(peek(), 'or')) throw notSupported('several clauses inside any()');
      punct(')');
      return (audit) => {
        const targets = read(audit, 'targetResources');
        return (
          Array.isArray(targets) &&
          targets.some((t) => typeof t === 'object' && t !== null && clause(t as Record<string, unknown>))
        );
      };
    }
    if (peek()?.t === 'punct' && peek()?.v === '(') throw notSupported(`${tok.v}(...)`);
    checkPath(tok.v);
    const opTok = peek();
    if (opTok?.t !== 'ident') return fail(opTok);
    p++;
    const op = opTok.v.toLowerCase();
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'in'].includes(op)) fail(opTok);
    const path = tok.v.toLowerCase();
    const rule = FILTERABLE[path];
    if (!rule || !(rule.ops as readonly string[]).includes(op)) throw notSupported(`${tok.v} ${op}`);

    if (rule.type === 'date') {
      const lit = peek();
      if (lit?.t !== 'date') {
        if (!lit) return fail();
        throw new ODataError(
          `A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and '${literalType(lit)}' for operator kind '${op}'.`,
        );
      }
      p++;
      const at = Date.parse(lit.v);
      if (Number.isNaN(at)) throw new ODataError(`The DateTimeOffset text '${lit.v}' is not valid.`);
      return (audit) => {
        const value = read(audit, path);
        const t = typeof value === 'string' ? Date.parse(value) : NaN;
        if (Number.isNaN(t)) return false;
        return op === 'eq' ? t === at : op === 'ge' ? t >= at : t <= at;
      };
    }
    const value = stringLiteral(`${tok.v} ${op}`);
    return (audit) => same(read(audit, path), value);
  };

  const expression = (): AuditPredicate => {
    const clauses: AuditPredicate[] = [primary()];
    for (;;) {
      if (isWord(peek(), 'and')) {
        p++;
        clauses.push(primary());
        continue;
      }
      // `or` is not among the documented operators for audit logs.
      if (isWord(peek(), 'or')) throw notSupported('or');
      break;
    }
    return (audit) => clauses.every((c) => c(audit));
  };

  if (tokens.length === 0) fail();
  const predicate = expression();
  if (p < tokens.length) fail(tokens[p]);
  return predicate;
}

function literalType(tok: Token): string {
  switch (tok.t) {
    case 'str':
      return 'Edm.String';
    case 'date':
      return 'Edm.DateTimeOffset';
    case 'guid':
      return 'Edm.Guid';
    case 'num':
      return 'Edm.Int32';
    case 'ident':
      return tok.v === 'null' ? '<null>' : 'Edm.Unknown';
    case 'punct':
      return 'Edm.Unknown';
  }
}
