// Checks JSON answers against Microsoft Graph's own metadata (the CSDL subset in
// emulator/metadata/, extracted from microsoftgraph/msgraph-metadata). It reads a payload as a
// client holding that schema would: every property must be declared on the item's type or a base
// type, values must have the declared primitive type, format or enum member, navigation
// properties appear only when expanded, and non-nullable properties are never missing.
import { readFileSync } from 'node:fs';
import type { ApiVersion } from './types.ts';
import { isRecord } from '../is-record.js';

export interface MetaProperty {
  name: string;
  type: string;
  collection?: true;
  nullable?: false;
  containsTarget?: true;
}

export interface MetaStructuredType {
  baseType?: string;
  abstract?: true;
  openType?: true;
  properties: MetaProperty[];
  navigationProperties: MetaProperty[];
}

export interface MetaEnumType {
  isFlags?: true;
  members: { name: string; value: number }[];
}

export interface MetaSchema {
  version: string;
  source: string;
  commit: string;
  namespace: string;
  enumTypes: Record<string, MetaEnumType>;
  complexTypes: Record<string, MetaStructuredType>;
  entityTypes: Record<string, MetaStructuredType>;
  singletons: Record<string, string>;
}

export function loadSchema(version: ApiVersion): MetaSchema {
  const url = new URL(`../../metadata/${version}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as MetaSchema;
}

/** What a query asked for at one level: `$select`, and the navigations it `$expand`ed. */
export interface Expansion {
  select?: readonly string[];
  expand?: Readonly<Record<string, Expansion>>;
}

export interface CheckOptions {
  /** `Prefer: include-unknown-enum-members` was sent. */
  includeUnknownEnumMembers: boolean;
}

const NS = 'microsoft.graph.';
const UNKNOWN = 'unknownFutureValue';

const PRIMITIVE: Record<string, { test: (v: unknown) => boolean; what: string }> = {
  'Edm.String': { test: (v) => typeof v === 'string', what: 'a string' },
  'Edm.Boolean': { test: (v) => typeof v === 'boolean', what: 'true or false' },
  'Edm.Int32': {
    test: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31,
    what: 'a 32-bit integer',
  },
  'Edm.Int64': { test: (v) => Number.isInteger(v), what: 'an integer' },
  'Edm.Double': { test: (v) => typeof v === 'number', what: 'a number' },
  'Edm.Guid': {
    test: (v) =>
      typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
    what: 'a GUID',
  },
  // OData's DateTimeOffset: an ISO 8601 instant with its offset (Z or ±hh:mm).
  'Edm.DateTimeOffset': {
    test: (v) =>
      typeof v === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
    what: 'an ISO 8601 date and time with an offset (DateTimeOffset)',
  },
  'Edm.Date': {
    test: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    what: 'a yyyy-mm-dd date',
  },
  'Edm.TimeOfDay': {
    test: (v) => typeof v === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/.test(v),
    what: 'a time of day',
  },
  // OData's Duration is an xs:dayTimeDuration: days, hours, minutes and seconds only.
  'Edm.Duration': {
    test: (v) =>
      typeof v === 'string' && /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v),
    what: 'an ISO 8601 day-time duration such as P365D (Duration)',
  },
};

const short = (full: string): string => (full.startsWith(NS) ? full.slice(NS.length) : full);

export class MetadataChecker {
  constructor(readonly schema: MetaSchema) {}

  private structured(name: string): MetaStructuredType | undefined {
    const n = short(name);
    return this.schema.entityTypes[n] ?? this.schema.complexTypes[n];
  }

  /** The type and its base types, most derived first. */
  private chain(name: string): { name: string; type: MetaStructuredType }[] {
    const out: { name: string; type: MetaStructuredType }[] = [];
    let current: string | undefined = short(name);
    while (current !== undefined) {
      const t = this.structured(current);
      if (!t) throw new Error(`metadata: type ${current} is not in the ${this.schema.version} subset`);
      out.push({ name: current, type: t });
      current = t.baseType === undefined ? undefined : short(t.baseType);
    }
    return out;
  }

  private members(name: string): { props: MetaProperty[]; navs: MetaProperty[]; open: boolean } {
    const chain = this.chain(name);
    return {
      props: chain.flatMap((c) => c.type.properties),
      navs: chain.flatMap((c) => c.type.navigationProperties),
      open: chain.some((c) => c.type.openType === true),
    };
  }

  private derivesFrom(name: string, base: string): boolean {
    return this.chain(name).some((c) => c.name === short(base));
  }

  /** The type a value claims with `@odata.type`, if it is the declared one or derived from it. */
  private actualType(declared: string, value: Record<string, unknown>, at: string, errors: string[]): string {
    const annotated = value['@odata.type'];
    if (annotated === undefined) {
      if (this.structured(declared)?.abstract) {
        errors.push(`${at}: a value of abstract type ${short(declared)} must say its type in @odata.type`);
      }
      return declared;
    }
    if (typeof annotated !== 'string' || !annotated.startsWith(`#${NS}`)) {
      errors.push(`${at}.@odata.type: expected '#microsoft.graph.<type>', got ${JSON.stringify(annotated)}`);
      return declared;
    }
    const name = annotated.slice(NS.length + 1);
    if (!this.structured(name)) {
      errors.push(`${at}.@odata.type: ${name} is not a type of the ${this.schema.version} metadata`);
      return declared;
    }
    if (!this.derivesFrom(name, declared)) {
      errors.push(`${at}.@odata.type: ${name} is not ${short(declared)} nor derived from it`);
      return declared;
    }
    return name;
  }

  /** Checks one entity (a list item, an expanded navigation, or a single GET's body). */
  checkEntity(
    typeName: string,
    value: unknown,
    at: string,
    expansion: Expansion,
    opts: CheckOptions,
  ): string[] {
    const errors: string[] = [];
    this.entity(typeName, value, at, expansion, opts, errors);
    return errors;
  }

  private entity(
    declared: string,
    value: unknown,
    at: string,
    expansion: Expansion,
    opts: CheckOptions,
    errors: string[],
  ): void {
    if (!isRecord(value)) {
      errors.push(`${at}: expected a ${short(declared)} object, got ${describe(value)}`);
      return;
    }
    const typeName = this.actualType(declared, value, at, errors);
    const { props, navs, open } = this.members(typeName);
    const select = expansion.select && !expansion.select.includes('*') ? expansion.select : undefined;
    const expand = expansion.expand ?? {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '@odata.type') continue;
      if (key.startsWith('@')) {
        errors.push(`${at}.${key}: unexpected annotation on a ${short(typeName)}`);
        continue;
      }
      const prop = props.find((p) => p.name === key);
      if (prop) {
        // Graph returns the key with a $select even when it is not listed.
        if (select && !select.includes(key) && key !== 'id') {
          errors.push(`${at}.${key}: returned although $select=${select.join(',')} leaves it out`);
        }
        this.value(prop, v, `${at}.${key}`, opts, errors);
        continue;
      }
      const nav = navs.find((n) => n.name === key);
      if (nav) {
        const sub = expand[key];
        if (!sub) {
          errors.push(
            `${at}.${key}: navigation property of ${short(typeName)} returned without being $expand-ed`,
          );
          continue;
        }
        this.navigation(nav, v, `${at}.${key}`, sub, opts, errors);
        continue;
      }
      if (!open) errors.push(`${at}.${key}: not declared on ${short(typeName)} or its base types`);
    }
    for (const p of props) {
      if (p.nullable === false && !(p.name in value) && (!select || select.includes(p.name))) {
        errors.push(`${at}.${p.name}: non-nullable property of ${short(typeName)} is missing`);
      }
    }
    for (const name of Object.keys(expand)) {
      const nav = navs.find((n) => n.name === name);
      if (!nav) errors.push(`${at}.${name}: $expand-ed but ${short(typeName)} has no such navigation`);
      else if (!(name in value)) {
        errors.push(
          nav.collection
            ? `${at}.${name}: $expand-ed collection is missing (an empty one is [])`
            : `${at}.${name}: $expand-ed but missing (an empty single-valued navigation is null)`,
        );
      }
    }
  }

  private navigation(
    nav: MetaProperty,
    v: unknown,
    at: string,
    expansion: Expansion,
    opts: CheckOptions,
    errors: string[],
  ): void {
    if (nav.collection) {
      if (!Array.isArray(v)) {
        errors.push(`${at}: expected an array of ${short(nav.type)}, got ${describe(v)}`);
        return;
      }
      v.forEach((item, i) => this.entity(nav.type, item, `${at}[${i}]`, expansion, opts, errors));
      return;
    }
    if (v === null) {
      if (nav.nullable === false) errors.push(`${at}: non-nullable navigation is null`);
      return;
    }
    this.entity(nav.type, v, at, expansion, opts, errors);
  }

  private value(prop: MetaProperty, v: unknown, at: string, opts: CheckOptions, errors: string[]): void {
    if (prop.collection) {
      if (!Array.isArray(v)) {
        errors.push(`${at}: expected an array of ${short(prop.type)}, got ${describe(v)}`);
        return;
      }
      v.forEach((item, i) => {
        if (item === null) {
          if (prop.nullable === false) errors.push(`${at}[${i}]: null in a collection of non-nullable items`);
        } else this.single(prop.type, item, `${at}[${i}]`, opts, errors);
      });
      return;
    }
    if (v === null) {
      if (prop.nullable === false) errors.push(`${at}: non-nullable property is null`);
      return;
    }
    this.single(prop.type, v, at, opts, errors);
  }

  private single(type: string, v: unknown, at: string, opts: CheckOptions, errors: string[]): void {
    const primitive = PRIMITIVE[type];
    if (primitive) {
      if (!primitive.test(v)) errors.push(`${at}: expected ${primitive.what} (${type}), got ${describe(v)}`);
      return;
    }
    if (type.startsWith('Edm.')) {
      errors.push(`${at}: the checker does not know ${type}`);
      return;
    }
    const enumType = this.schema.enumTypes[short(type)];
    if (enumType) {
      this.enumValue(short(type), enumType, v, at, opts, errors);
      return;
    }
    const complex = this.schema.complexTypes[short(type)];
    if (!complex) {
      errors.push(`${at}: ${short(type)} is not in the ${this.schema.version} metadata subset`);
      return;
    }
    if (!isRecord(v)) {
      errors.push(`${at}: expected a ${short(type)} object, got ${describe(v)}`);
      return;
    }
    const typeName = this.actualType(type, v, at, errors);
    const { props, open } = this.members(typeName);
    for (const [key, inner] of Object.entries(v)) {
      if (key === '@odata.type') continue;
      const p = props.find((x) => x.name === key);
      if (p) this.value(p, inner, `${at}.${key}`, opts, errors);
      else if (!open) errors.push(`${at}.${key}: not declared on ${short(typeName)} or its base types`);
    }
    for (const p of props) {
      if (p.nullable === false && !(p.name in v)) {
        errors.push(`${at}.${p.name}: non-nullable property of ${short(typeName)} is missing`);
      }
    }
  }

  private enumValue(
    name: string,
    enumType: MetaEnumType,
    v: unknown,
    at: string,
    opts: CheckOptions,
    errors: string[],
  ): void {
    if (typeof v !== 'string') {
      errors.push(`${at}: expected a member of ${name}, got ${describe(v)}`);
      return;
    }
    const names = enumType.members.map((m) => m.name);
    const sentinel = names.indexOf(UNKNOWN);
    for (const member of enumType.isFlags ? v.split(',').map((s) => s.trim()) : [v]) {
      const index = names.indexOf(member);
      if (index < 0) {
        errors.push(`${at}: '${member}' is not a member of ${name} (${names.join(', ')})`);
      } else if (sentinel >= 0 && index > sentinel && !opts.includeUnknownEnumMembers) {
        // Evolvable enums: members declared after unknownFutureValue reach only clients that
        // opt in with Prefer: include-unknown-enum-members; others get unknownFutureValue.
        errors.push(
          `${at}: '${member}' is declared after unknownFutureValue in ${name}, so Graph sends it only with Prefer: include-unknown-enum-members`,
        );
      }
    }
  }

  /**
   * What Graph sends for an enum member: itself, or `unknownFutureValue` for a member declared
   * after it when the client did not opt in with Prefer: include-unknown-enum-members.
   */
  wireEnumValue(enumName: string, member: string, opts: CheckOptions): string {
    const enumType = this.schema.enumTypes[short(enumName)];
    if (!enumType) throw new Error(`metadata: enum ${enumName} is not in the ${this.schema.version} subset`);
    const names = enumType.members.map((m) => m.name);
    const sentinel = names.indexOf(UNKNOWN);
    return sentinel >= 0 && names.indexOf(member) > sentinel && !opts.includeUnknownEnumMembers
      ? UNKNOWN
      : member;
  }

  /**
   * Checks an `@odata.context` URL: `{origin}/{version}/$metadata#{path}[({select})][/$entity]`,
   * where the path walks from a singleton through navigation properties to `itemType`.
   */
  checkContext(
    context: unknown,
    expected: {
      origin: string;
      path: readonly string[];
      itemType: string;
      select?: readonly string[];
      entity: boolean;
    },
  ): string[] {
    const at = '@odata.context';
    if (typeof context !== 'string') return [`${at}: missing or not a string (${describe(context)})`];
    const base = `${expected.origin}/${this.schema.version}/$metadata#`;
    if (!context.startsWith(base)) return [`${at}: '${context}' does not start with '${base}'`];
    let fragment = context.slice(base.length);
    const errors: string[] = [];
    const entity = fragment.endsWith('/$entity');
    if (entity) fragment = fragment.slice(0, -'/$entity'.length);
    if (entity !== expected.entity) {
      errors.push(`${at}: '${context}' ${expected.entity ? 'lacks' : 'has'} /$entity`);
    }
    const m = /^([^()]+)(?:\(([^()]*)\))?$/.exec(fragment);
    if (!m) return [...errors, `${at}: cannot read the path of '${context}'`];
    const segments = (m[1] ?? '').split('/');
    const select = m[2] === undefined ? undefined : m[2].split(',');
    const wanted = expected.select && !expected.select.includes('*') ? expected.select : undefined;
    if (JSON.stringify(select ?? null) !== JSON.stringify(wanted ?? null)) {
      errors.push(
        `${at}: select list ${JSON.stringify(select ?? null)}, expected ${JSON.stringify(wanted ?? null)}`,
      );
    }
    if (segments.join('/') !== expected.path.join('/')) {
      errors.push(`${at}: path ${segments.join('/')}, expected ${expected.path.join('/')}`);
    }
    // Walk the metadata: the first segment is a singleton, each next one a navigation property.
    const [first, ...rest] = segments;
    const singleton = first === undefined ? undefined : this.schema.singletons[first];
    if (singleton === undefined) {
      return [...errors, `${at}: '${first ?? ''}' is not a singleton of the metadata`];
    }
    let type: string = singleton;
    let collection = false;
    for (const seg of rest) {
      if (collection) return [...errors, `${at}: '${seg}' follows a collection`];
      const nav: MetaProperty | undefined = this.members(type).navs.find((n) => n.name === seg);
      if (!nav) return [...errors, `${at}: ${short(type)} has no navigation property '${seg}'`];
      type = nav.type;
      collection = nav.collection === true;
    }
    if (short(type) !== short(expected.itemType)) {
      errors.push(`${at}: the path leads to ${short(type)}, expected ${short(expected.itemType)}`);
    }
    if (!collection) errors.push(`${at}: the path does not end in a collection`);
    return errors;
  }
}

/**
 * Checks an `@odata.nextLink`: an absolute URL to the same resource, carrying every query option
 * of the request it continues and an opaque `$skiptoken`.
 */
export function checkNextLink(nextLink: unknown, request: URL): string[] {
  const at = '@odata.nextLink';
  if (typeof nextLink !== 'string') return [`${at}: not a string (${describe(nextLink)})`];
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    return [`${at}: '${nextLink}' is not an absolute URL`];
  }
  const errors: string[] = [];
  if (url.origin !== request.origin || url.pathname !== request.pathname) {
    errors.push(`${at}: '${nextLink}' is not the same resource as ${request.origin}${request.pathname}`);
  }
  if (!url.searchParams.get('$skiptoken')) errors.push(`${at}: '${nextLink}' has no $skiptoken`);
  const options = (u: URL): string =>
    JSON.stringify(
      [...u.searchParams.entries()]
        .filter(([k]) => k.toLowerCase() !== '$skiptoken')
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  if (options(url) !== options(request)) {
    errors.push(`${at}: query options ${options(url)} differ from the request's ${options(request)}`);
  }
  return errors;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
