/**
 * Finding the part of the plan schema that applies at a path, so that an issue can say which keys
 * are allowed there ("did you mean …?") and which kind of value was expected. Reads zod's schema
 * definitions, the structure zod documents for tools built on top of it.
 */
import type { z } from 'zod';
import type { Path } from './issues.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** A lazy schema's target, as zod caches it: calling the getter again would build a new one. */
function lazyTarget(schema: z.ZodType): z.ZodType {
  return (schema as unknown as { _zod: { innerType: z.ZodType } })._zod.innerType;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

/** The schema with optional/default/lazy wrappers removed. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 32; guard++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'lazy') current = lazyTarget(current);
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
  return current;
}

/** The schemas that may apply at `path` (several where a union is passed through). */
export function schemasAt(root: z.ZodType, path: Path): z.ZodType[] {
  let current = [unwrapSchema(root)];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const schema of current) {
      for (const option of unionOptions(schema)) {
        const def = defOf(option);
        if (def.type === 'object' && typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)) {
          next.push(unwrapSchema(def.shape[segment]!));
        } else if (def.type === 'array' && typeof segment === 'number' && def.element) {
          next.push(unwrapSchema(def.element));
        } else if (def.type === 'record' && def.valueType) {
          next.push(unwrapSchema(def.valueType));
        }
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

function unionOptions(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  return def.type === 'union' && def.options ? def.options.map(unwrapSchema) : [schema];
}

/** Keys an object at `path` may have. */
export function knownKeysAt(root: z.ZodType, path: Path): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt(root, path)) {
    for (const option of unionOptions(schema)) {
      const def = defOf(option);
      if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
    }
  }
  return [...keys];
}

/** Whether the value expected at `path` is exactly `schema` (e.g. the duration schema). */
export function expectsSchema(root: z.ZodType, path: Path, schema: z.ZodType): boolean {
  const wanted = unwrapSchema(schema);
  return schemasAt(root, path).some((found) => found === wanted || found === schema);
}

/** Every key used anywhere in the schema. */
export function allKeys(root: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<z.ZodType>();
  const stack = [root];
  while (stack.length > 0) {
    const schema = unwrapSchema(stack.pop()!);
    if (seen.has(schema)) continue;
    seen.add(schema);
    const def = defOf(schema);
    if (def.shape) for (const [key, field] of Object.entries(def.shape)) { keys.add(key); stack.push(field); }
    if (def.element) stack.push(def.element);
    if (def.valueType) stack.push(def.valueType);
    for (const option of def.options ?? []) stack.push(option);
  }
  return keys;
}
