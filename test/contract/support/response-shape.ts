import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  getNamedType,
  getOperationAST,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Checks a GraphQL response against what the schema and the operation promise, field by field:
 * every selected field present (and nothing else), non-null fields not null, lists are lists, enums
 * are members, and each scalar in its wire format. The generated types say the same at compile time;
 * this makes the server prove it at run time.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isCalendarDay(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Wire formats: the built-ins, and our scalars as DESIGN §6 defines them and codegen.yml maps them. */
export const SCALAR_FORMATS: Record<string, { expected: string; test: (value: unknown) => boolean }> = {
  ID: { expected: 'a non-empty string', test: (v) => typeof v === 'string' && v.length > 0 },
  String: { expected: 'a string', test: (v) => typeof v === 'string' },
  Int: { expected: 'a 32-bit integer', test: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31 },
  Float: { expected: 'a finite number', test: (v) => typeof v === 'number' && Number.isFinite(v) },
  Boolean: { expected: 'a boolean', test: (v) => typeof v === 'boolean' },
  Decimal: {
    expected: 'a decimal string with two decimals',
    test: (v) => typeof v === 'string' && /^-?\d+\.\d{2}$/.test(v),
  },
  Date: { expected: 'a YYYY-MM-DD day', test: (v) => typeof v === 'string' && isCalendarDay(v) },
  DateTime: {
    expected: 'an ISO-8601 UTC instant with milliseconds',
    test: (v) => typeof v === 'string' && DATE_TIME.test(v) && new Date(v).toISOString() === v,
  },
  // codegen.yml maps JSON to Record<string, unknown>; our JSON fields (metadata, location) are objects.
  JSON: { expected: 'a JSON object', test: isPlainObject },
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  problems: string[];
}

/** A field that may be absent because a directive can drop it at run time. */
function isConditional(field: FieldNode): boolean {
  return (field.directives ?? []).some((d) => d.name.value === 'skip' || d.name.value === 'include');
}

/** The fields selected on `type`, by response key, through fragments and inline fragments. */
function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  into = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> {
  const applies = (typeName: string | undefined) => {
    if (typeName === undefined || typeName === type.name) return true;
    const condition = walk.schema.getType(typeName);
    return condition !== undefined && isAbstractType(condition) && walk.schema.isSubType(condition, type);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      into.set(key, [...(into.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value))
        collectFields(walk, type, selection.selectionSet, into);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment) walk.problems.push(`unknown fragment ${selection.name.value}`);
      else if (applies(fragment.typeCondition.name.value))
        collectFields(walk, type, fragment.selectionSet, into);
    }
  }
  return into;
}

function checkValue(
  walk: Walk,
  type: GraphQLOutputType,
  nodes: FieldNode[],
  value: unknown,
  at: string,
): void {
  if (isNonNullType(type)) {
    if (value === null) walk.problems.push(`${at}: null for non-null ${String(type)}`);
    else checkValue(walk, type.ofType, nodes, value, at);
    return;
  }
  if (value === null) return;
  if (isListType(type)) {
    if (!Array.isArray(value)) walk.problems.push(`${at}: expected a list for ${String(type)}`);
    else value.forEach((item, i) => checkValue(walk, type.ofType, nodes, item, `${at}[${i}]`));
    return;
  }
  if (isScalarType(type)) {
    const format = SCALAR_FORMATS[type.name];
    if (!format) walk.problems.push(`${at}: no wire format known for scalar ${type.name}`);
    else if (!format.test(value))
      walk.problems.push(`${at}: expected ${format.expected} (${type.name}), got ${JSON.stringify(value)}`);
    return;
  }
  if (isEnumType(type)) {
    if (typeof value !== 'string' || !type.getValue(value))
      walk.problems.push(`${at}: ${JSON.stringify(value)} is not a ${type.name} value`);
    return;
  }
  if (!isPlainObject(value)) {
    walk.problems.push(`${at}: expected an object for ${String(type)}`);
    return;
  }
  const named = getNamedType(type);
  const runtime = isObjectType(named) ? named : walk.schema.getType(String(value['__typename']));
  if (!isObjectType(runtime)) {
    walk.problems.push(`${at}: cannot tell the concrete type of ${named.name} (select __typename)`);
    return;
  }
  checkObject(walk, runtime, nodes, value, at);
}

function checkObject(
  walk: Walk,
  type: GraphQLObjectType,
  nodes: readonly { selectionSet?: SelectionSetNode | undefined }[],
  value: Record<string, unknown>,
  at: string,
): void {
  const fields = new Map<string, FieldNode[]>();
  for (const node of nodes) if (node.selectionSet) collectFields(walk, type, node.selectionSet, fields);
  for (const key of Object.keys(value))
    if (!fields.has(key)) walk.problems.push(`${at}.${key}: not selected by the operation`);
  for (const [key, fieldNodes] of fields) {
    const name = fieldNodes[0]!.name.value;
    const path = at === '' ? key : `${at}.${key}`;
    if (!(key in value)) {
      if (!fieldNodes.every(isConditional)) walk.problems.push(`${path}: missing`);
      continue;
    }
    if (name === '__typename') {
      if (value[key] !== type.name) walk.problems.push(`${path}: expected ${type.name}`);
      continue;
    }
    const definition = type.getFields()[name];
    if (!definition) walk.problems.push(`${path}: ${type.name} has no field ${name}`);
    else checkValue(walk, definition.type, fieldNodes, value[key], path);
  }
}

/** Every way `data` differs from what `document`'s operation promises under `schema`; empty when it conforms. */
export function shapeProblems(schema: GraphQLSchema, document: DocumentNode, data: unknown): string[] {
  const operation = getOperationAST(document);
  if (!operation) return ['the document must hold exactly one operation'];
  const root = schema.getRootType(operation.operation);
  if (!root) return [`the schema has no ${operation.operation} type`];
  const walk: Walk = {
    schema,
    fragments: new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    ),
    problems: [],
  };
  if (!isPlainObject(data)) return ['data: expected an object'];
  checkObject(walk, root, [operation], data, '');
  return walk.problems;
}

/** `data` as the generated result type, once it has been shown to conform; throws listing every problem otherwise. */
export function conformingData<TData, TVariables>(
  schema: GraphQLSchema,
  document: TypedDocumentNode<TData, TVariables>,
  data: unknown,
): TData {
  const problems = shapeProblems(schema, document, data);
  if (problems.length > 0) {
    const name = getOperationAST(document)?.name?.value ?? 'operation';
    throw new Error(`${name} response does not match the schema:\n  ${problems.join('\n  ')}`);
  }
  return data as TData;
}
