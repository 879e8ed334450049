import {
  BreakingChangeType,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The breaking-change gate's pure core: what changed between the promised schema and the new one,
 * in words a client team can act on, and whether every breaking change was acknowledged.
 * I/O (emitting, reading the baseline and schema-changes.md, exit codes) lives in src/cli/schema-check.ts.
 */

export type Severity = 'breaking' | 'dangerous' | 'safe';

export interface SchemaChange {
  severity: Severity;
  /** graphql-js change type (`FIELD_REMOVED`, …), or `TYPE_ADDED`/`FIELD_ADDED`/`FIELD_DEPRECATED` for safe ones. */
  type: string;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`. */
  coordinate: string;
  /** graphql-js's own sentence, then what it means for clients. */
  description: string;
}

type Coordinate = (match: RegExpExecArray) => string;
type Rule = [RegExp, Coordinate];

const first: Coordinate = (m) => m[1] ?? '';
const member: Coordinate = (m) => `${m[2] ?? ''}.${m[1] ?? ''}`;
const field: Coordinate = (m) => `${m[1] ?? ''}.${m[2] ?? ''}`;
const argOf: Coordinate = (m) => `${m[1] ?? ''}.${m[2] ?? ''}(${m[3] ?? ''}:)`;
const argOn: Coordinate = (m) => `${m[2] ?? ''}.${m[3] ?? ''}(${m[1] ?? ''}:)`;
const directive: Coordinate = (m) => `@${m[1] ?? ''}`;
const directiveArg: Coordinate = (m) => `@${m[2] ?? ''}(${m[1] ?? ''}:)`;

/**
 * graphql-js 16 reports changes as sentences only; each type's sentence shape is fixed, so a regex per
 * type recovers the coordinate. A Record keyed by both enums makes a new graphql-js change type a
 * compile error here rather than an unmatched acknowledgement.
 */
const RULES: Record<BreakingChangeType | DangerousChangeType, { rule: Rule; impact: string }> = {
  TYPE_REMOVED: {
    rule: [/^(?:Standard scalar )?(\w+) was removed/, first],
    impact: 'operations and fragments that name it stop validating',
  },
  TYPE_CHANGED_KIND: {
    rule: [/^(\w+) changed from/, first],
    impact: 'selections and variables using it stop validating',
  },
  TYPE_REMOVED_FROM_UNION: {
    rule: [/^(\w+) was removed from union type (\w+)/, member],
    impact: 'fragments on that member never match again',
  },
  VALUE_REMOVED_FROM_ENUM: {
    rule: [/^(\w+) was removed from enum type (\w+)/, member],
    impact: 'operations that pass the value fail, and clients may still expect it in results',
  },
  REQUIRED_INPUT_FIELD_ADDED: {
    rule: [/field (\w+) on input type (\w+)/, (m) => `${m[2] ?? ''}.${m[1] ?? ''}`],
    impact: 'inputs that omit it are rejected',
  },
  IMPLEMENTED_INTERFACE_REMOVED: {
    rule: [/^(\w+) no longer implements interface (\w+)/, field],
    impact: 'fragments on the interface stop matching this type',
  },
  FIELD_REMOVED: {
    rule: [/^(\w+)\.(\w+) was removed/, field],
    impact: 'operations that select it stop validating; deprecate it first instead',
  },
  FIELD_CHANGED_KIND: {
    rule: [/^(\w+)\.(\w+) changed type/, field],
    impact: 'clients may receive a shape or nullability they do not handle',
  },
  REQUIRED_ARG_ADDED: {
    rule: [/arg (\w+) on (\w+)\.(\w+)/, argOn],
    impact: 'operations that do not pass it stop validating',
  },
  ARG_REMOVED: {
    rule: [/^(\w+)\.(\w+) arg (\w+) was removed/, argOf],
    impact: 'operations that pass it stop validating',
  },
  ARG_CHANGED_KIND: {
    rule: [/^(\w+)\.(\w+) arg (\w+) has changed type/, argOf],
    impact: 'variables of the old type are rejected',
  },
  DIRECTIVE_REMOVED: {
    rule: [/^(\w+) was removed/, directive],
    impact: 'operations that use it stop validating',
  },
  DIRECTIVE_ARG_REMOVED: {
    rule: [/^(\w+) was removed from (\w+)/, directiveArg],
    impact: 'operations that pass it stop validating',
  },
  REQUIRED_DIRECTIVE_ARG_ADDED: {
    rule: [/arg (\w+) on directive (\w+)/, directiveArg],
    impact: 'operations that use the directive without it stop validating',
  },
  DIRECTIVE_REPEATABLE_REMOVED: {
    rule: [/from (\w+)\.?$/, directive],
    impact: 'operations that repeat it stop validating',
  },
  DIRECTIVE_LOCATION_REMOVED: {
    rule: [/was removed from (\w+)/, directive],
    impact: 'operations that use it there stop validating',
  },
  VALUE_ADDED_TO_ENUM: {
    rule: [/^(\w+) was added to enum type (\w+)/, member],
    impact: 'clients with an exhaustive switch over the enum may meet a value they do not know',
  },
  TYPE_ADDED_TO_UNION: {
    rule: [/^(\w+) was added to union type (\w+)/, member],
    impact: 'clients that assume they know every member may meet a new __typename',
  },
  OPTIONAL_INPUT_FIELD_ADDED: {
    rule: [/field (\w+) on input type (\w+)/, (m) => `${m[2] ?? ''}.${m[1] ?? ''}`],
    impact: 'clients that build the input from another type may now send it unintentionally',
  },
  OPTIONAL_ARG_ADDED: {
    rule: [/arg (\w+) on (\w+)\.(\w+)/, argOn],
    impact: 'harmless unless its default changes results for existing callers',
  },
  IMPLEMENTED_INTERFACE_ADDED: {
    rule: [/^(\w+) added to interfaces implemented by (\w+)/, (m) => `${m[2] ?? ''}.${m[1] ?? ''}`],
    impact: 'fragments on the interface now also match this type',
  },
  ARG_DEFAULT_VALUE_CHANGE: {
    rule: [/^(\w+)\.(\w+) arg (\w+) /, argOf],
    impact: 'callers that omit the argument get different results',
  },
};

function describe(
  severity: Severity,
  change: { type: BreakingChangeType | DangerousChangeType; description: string },
): SchemaChange {
  const { rule, impact } = RULES[change.type];
  const match = rule[0].exec(change.description);
  return {
    severity,
    type: change.type,
    coordinate: match ? rule[1](match) : '?',
    description: `${change.description} ${impact[0]?.toUpperCase()}${impact.slice(1)}.`,
  };
}

/** Additions are safe, but listing them makes the report a readable changelog. */
function additions(previous: GraphQLSchema, next: GraphQLSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const before = previous.getTypeMap();
  for (const type of Object.values(next.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const old = before[type.name];
    if (!old) {
      changes.push({
        severity: 'safe',
        type: 'TYPE_ADDED',
        coordinate: type.name,
        description: `${type.name} was added.`,
      });
      continue;
    }
    // Added input fields and args are reported by graphql-js (they are dangerous or breaking).
    if (!(isObjectType(type) || isInterfaceType(type)) || !(isObjectType(old) || isInterfaceType(old)))
      continue;
    const oldFields = old.getFields();
    for (const f of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${f.name}`;
      const was = oldFields[f.name];
      if (!was) {
        changes.push({
          severity: 'safe',
          type: 'FIELD_ADDED',
          coordinate,
          description: `${coordinate} was added.`,
        });
      } else if (f.deprecationReason != null && was.deprecationReason == null) {
        changes.push({
          severity: 'safe',
          type: 'FIELD_DEPRECATED',
          coordinate,
          description: `${coordinate} was deprecated: ${f.deprecationReason}. Clients should move off it before it is removed.`,
        });
      }
    }
  }
  return changes;
}

/** Every change from `previous` to `next`, breaking first, each group in coordinate order. */
export function compareSchemas(previous: GraphQLSchema, next: GraphQLSchema): SchemaChange[] {
  const order: Record<Severity, number> = { breaking: 0, dangerous: 1, safe: 2 };
  return [
    ...findBreakingChanges(previous, next).map((c) => describe('breaking', c)),
    ...findDangerousChanges(previous, next).map((c) => describe('dangerous', c)),
    ...additions(previous, next),
  ].sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.coordinate.localeCompare(b.coordinate) ||
      a.type.localeCompare(b.type),
  );
}

export interface Acknowledgement {
  type: string;
  coordinate: string;
  reason: string;
  line: number;
}

/** An entry is a list item `- CHANGE_TYPE Coordinate: why, and what clients should do`. */
const ENTRY = /^\s*[-*]\s+`?([A-Z][A-Z_]+)`?\s+`?(@?\w+(?:\.\w+)?(?:\(\w+:\))?)`?\s*[:—–-]?\s*(.*)$/;

/**
 * The acknowledgements in schema-changes.md. Anything that is not such a list item (headings,
 * prose, code fences) is ignored, so the file can explain itself. Entries without a reason are
 * returned with an empty reason and do not count (see checkCompatibility).
 */
export function parseAcknowledgements(markdown: string): Acknowledgement[] {
  const acks: Acknowledgement[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    const match = fenced ? null : ENTRY.exec(text);
    if (!match) return;
    acks.push({
      type: match[1] ?? '',
      coordinate: match[2] ?? '',
      reason: (match[3] ?? '').trim(),
      line: index + 1,
    });
  });
  return acks;
}

export interface CompatibilityReport {
  changes: SchemaChange[];
  /** Breaking changes with no acknowledgement that gives a reason: the gate fails on these. */
  unacknowledged: SchemaChange[];
  /** Acknowledged entries that name a change but give no reason. */
  missingReason: Acknowledgement[];
  ok: boolean;
}

export function checkCompatibility(changes: SchemaChange[], acks: Acknowledgement[]): CompatibilityReport {
  const key = (c: { type: string; coordinate: string }) => `${c.type} ${c.coordinate}`;
  const reasoned = new Set(acks.filter((a) => a.reason !== '').map(key));
  const breaking = changes.filter((c) => c.severity === 'breaking');
  const unacknowledged = breaking.filter((c) => !reasoned.has(key(c)));
  const named = new Set(breaking.map(key));
  const missingReason = acks.filter((a) => a.reason === '' && named.has(key(a)));
  return { changes, unacknowledged, missingReason, ok: unacknowledged.length === 0 };
}

/** One line per change, for a terminal or a CI log. */
export function formatChange(change: SchemaChange, acknowledged = false): string {
  const label = { breaking: 'BREAKING ', dangerous: 'DANGEROUS', safe: 'safe     ' }[change.severity];
  const ack = acknowledged ? ' (acknowledged)' : '';
  return `${label} ${change.type} ${change.coordinate}${ack}\n          ${change.description}`;
}
