// Regenerates the subset of Microsoft Graph's CSDL that the emulator serves, from a full CSDL file
// (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl or schemas/beta-Prod.csdl):
//
//   node emulator/metadata/extract-metadata.mjs <full.csdl> <out.json> --version v1.0|beta \
//     --source schemas/v1.0-Prod.csdl --commit <msgraph-metadata commit>
//
// The subset keeps the types the emulator answers with (ROOTS), the types their structural
// properties use (complex and enum types, followed to the end), their base types, and the
// singletons and containment types that `@odata.context` URLs walk through. Navigation targets are
// kept only when they are roots themselves: the emulator expands no other navigation.
// Annotations and descriptions are dropped; names, types, nullability, enum members and their
// order (which the evolvable-enum rule depends on) are kept as declared.
import { readFileSync, writeFileSync } from 'node:fs';

const NS = 'microsoft.graph';

/** The types the emulator serves. A name missing from one version's schema is skipped there. */
const ROOTS = [
  // entitlement management
  'accessPackageAssignmentRequest',
  'accessPackageSubject',
  'connectedOrganization',
  'accessPackage',
  'accessPackageCatalog',
  'accessPackageAssignment',
  'customExtensionCalloutInstance',
  'customExtensionHandlerInstance',
  'entitlementManagementSchedule',
  'requestSchedule',
  'accessPackageAnswer',
  'accessPackageAnswerString',
  'accessPackageRequestState',
  'accessPackageRequestType',
  // where @odata.context points: identityGovernance/entitlementManagement/...
  'identityGovernance',
  'entitlementManagement',
  // audit logs
  'auditLogRoot',
  'directoryAudit',
  'userIdentity',
  'appIdentity',
];

/** Singletons of the entity container the served paths start from. */
const SINGLETONS = ['identityGovernance', 'auditLogs'];

function usage(message) {
  console.error(message);
  console.error(
    'usage: node emulator/metadata/extract-metadata.mjs <full.csdl> <out.json> --version v1.0|beta --source <path in msgraph-metadata> --commit <sha>',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined) usage(`${a} needs a value`);
      flags[a.slice(2)] = value;
      i++;
    } else positional.push(a);
  }
  if (positional.length !== 2) usage('expected an input CSDL file and an output JSON file');
  for (const f of ['version', 'source', 'commit']) if (!flags[f]) usage(`--${f} is required`);
  return { input: positional[0], output: positional[1], ...flags };
}

const decode = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attrs(text) {
  const out = {};
  for (const m of text.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) out[m[1]] = decode(m[2]);
  return out;
}

/** `graph.x`, `microsoft.graph.x` and `Collection(...)` of them, to a full name and a flag. */
function typeRef(raw, alias) {
  const collection = /^Collection\((.*)\)$/.exec(raw);
  let name = collection ? collection[1] : raw;
  if (alias && name.startsWith(`${alias}.`)) name = `${NS}.${name.slice(alias.length + 1)}`;
  return collection ? { type: name, collection: true } : { type: name };
}

/**
 * Reads the microsoft.graph schema's enum, complex and entity types and its container's
 * singletons. CSDL is regular enough for a tag scanner: every type is a direct child of <Schema>,
 * and its members, properties and navigation properties are direct children of the type.
 */
function readSchema(xml) {
  const types = new Map();
  const singletons = new Map();
  const stack = [];
  let schema; // { namespace, alias, depth }
  let current; // the type being read
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:]*)((?:[^>"]|"[^"]*")*?)(\/?)>/g)) {
    const [, closing, tag, rest, selfClosing] = m;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    if (closing) {
      const top = stack.pop();
      if (top?.tag !== tag) throw new Error(`malformed CSDL: </${tag}> closes <${top?.tag}>`);
      if (current && stack.length === current.depth) current = undefined;
      if (schema && stack.length === schema.depth) schema = undefined;
      continue;
    }
    const a = attrs(rest);
    const depth = stack.length;
    if (tag === 'Schema') schema = { namespace: a.Namespace, alias: a.Alias, depth };
    if (schema?.namespace === NS) {
      if (depth === schema.depth + 1 && ['EnumType', 'ComplexType', 'EntityType'].includes(tag)) {
        const t = { kind: tag, name: a.Name };
        if (a.BaseType) t.baseType = typeRef(a.BaseType, schema.alias).type;
        if (a.Abstract === 'true') t.abstract = true;
        if (a.OpenType === 'true') t.openType = true;
        if (a.IsFlags === 'true') t.isFlags = true;
        if (tag === 'EnumType') t.members = [];
        else {
          t.properties = [];
          t.navigationProperties = [];
        }
        types.set(a.Name, t);
        if (!selfClosing) current = { type: t, depth };
      } else if (current && depth === current.depth + 1) {
        const t = current.type;
        if (tag === 'Member') t.members.push({ name: a.Name, value: Number(a.Value) });
        else if (tag === 'Property' || tag === 'NavigationProperty') {
          const p = { name: a.Name, ...typeRef(a.Type, schema.alias) };
          if (a.Nullable === 'false') p.nullable = false;
          if (tag === 'NavigationProperty' && a.ContainsTarget === 'true') p.containsTarget = true;
          (tag === 'Property' ? t.properties : t.navigationProperties).push(p);
        }
      } else if (tag === 'Singleton') {
        singletons.set(a.Name, typeRef(a.Type, schema.alias).type);
      }
    }
    if (!selfClosing) stack.push({ tag });
  }
  return { types, singletons };
}

function subset({ types, singletons }) {
  const keep = new Map();
  const missing = [];
  const short = (full) => (full.startsWith(`${NS}.`) ? full.slice(NS.length + 1) : undefined);
  const visit = (name) => {
    if (keep.has(name)) return;
    const t = types.get(name);
    if (!t) {
      missing.push(name);
      return;
    }
    keep.set(name, t);
    if (t.baseType) {
      const base = short(t.baseType);
      if (base) visit(base);
    }
    for (const p of t.properties ?? []) {
      const n = short(p.type);
      if (n) visit(n);
    }
  };
  for (const s of SINGLETONS) {
    const type = singletons.get(s);
    if (!type) missing.push(`singleton ${s}`);
  }
  for (const r of ROOTS) if (types.has(r)) visit(r);
  const out = { enumTypes: {}, complexTypes: {}, entityTypes: {} };
  const bucket = { EnumType: 'enumTypes', ComplexType: 'complexTypes', EntityType: 'entityTypes' };
  for (const name of [...keep.keys()].sort()) {
    const { kind, name: _name, ...rest } = keep.get(name);
    out[bucket[kind]][name] = rest;
  }
  const kept = {};
  for (const s of SINGLETONS) if (singletons.has(s)) kept[s] = singletons.get(s);
  return { ...out, singletons: kept, missing, skippedRoots: ROOTS.filter((r) => !types.has(r)) };
}

const args = parseArgs(process.argv.slice(2));
const xml = readFileSync(args.input, 'utf8');
const { missing, skippedRoots, ...schema } = subset(readSchema(xml));
if (missing.length > 0) {
  console.error(`types referenced but not declared in ${args.input}: ${missing.join(', ')}`);
  process.exit(1);
}
const doc = {
  $comment:
    'A subset of Microsoft Graph metadata (CSDL) as JSON, regenerated by emulator/metadata/extract-metadata.mjs. Source: https://github.com/microsoftgraph/msgraph-metadata, MIT License, Copyright (c) 2018 Microsoft Graph (see LICENSE here).',
  version: args.version,
  source: `microsoftgraph/msgraph-metadata:${args.source}`,
  commit: args.commit,
  namespace: NS,
  ...schema,
};
writeFileSync(args.output, `${JSON.stringify(doc, null, 2)}\n`);
console.log(
  `${args.output}: ${Object.keys(doc.entityTypes).length} entity, ${Object.keys(doc.complexTypes).length} complex, ${Object.keys(doc.enumTypes).length} enum types` +
    (skippedRoots.length ? `; not in this schema: ${skippedRoots.join(', ')}` : ''),
);
