/**
 * When the plan's shape is wrong somewhere, the cross-reference rules still run on the parts that
 * are readable, so that one run reports everything a marketer has to fix. Unreadable parts are cut
 * away as narrowly as possible — an optional key, else the list entry that holds it, else the whole
 * section — and findings are mapped back to their places in the file.
 */
import type { z } from 'zod';
import type { Path, PathSegment, RuleIssue } from './issues.js';
import type { PlanSection } from './rules/index.js';
import { planSchema, type Plan } from './schema.js';
import { schemasAt } from './schema-walk.js';

export interface SalvagedPlan {
  plan: Plan;
  /** Sections that could not be read at all (placeholders stand in for them). */
  broken: ReadonlySet<PlanSection>;
  /** Sections where something was cut away, including the broken ones. */
  incomplete: ReadonlySet<PlanSection>;
  /** Optional keys that were cut away, as paths in the file. */
  removedKeys: ReadonlySet<string>;
  /** A path into the salvaged plan, as a path into the file. */
  originalPath: (path: Path) => Path;
}

/** Stand-ins for required sections that could not be read; findings located in them are dropped. */
const PLACEHOLDERS: Partial<Record<PlanSection, unknown>> = {
  id: 'plan', name: 'plan', owner: 'nobody',
  team: [{ id: 'nobody', name: 'nobody' }],
  goals: [{ id: 'nothing', name: 'nothing', target: 0, metric: 'nothing', owner: 'nobody' }],
  channels: [{ id: 'nowhere', kind: 'custom', budget: { initial: 0, max: 0 } }],
  budget: { total: 0 },
  rollout: { duration: '0d' },
  closing: { accountable: 'nobody' },
};
const MAX_ROUNDS = 12;
const WRAPPERS = new Set(['optional', 'default', 'prefault']);

export const pathKey = (path: Path): string => JSON.stringify(path);

export function salvagePlan(data: Readonly<Record<string, unknown>>): SalvagedPlan {
  const cut: Cuts = { entries: new Map(), keys: new Set(), broken: new Set() };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const view = viewWithout(data, cut);
    const parsed = planSchema.safeParse(view.value);
    if (parsed.success) return result(parsed.data, cut, view.originalPath);
    let progressed = false;
    for (const found of parsed.error.issues) {
      const path = view.originalPath(found.path.filter((s): s is PathSegment => typeof s !== 'symbol'));
      if (found.code === 'unrecognized_keys') {
        for (const key of found.keys) progressed = addKey(cut, [...path, key]) || progressed;
      } else {
        progressed = cutAround(cut, path, data) || progressed;
      }
    }
    // The last resort: every section still failing becomes a placeholder.
    if (!progressed || round === MAX_ROUNDS - 2) {
      const before = cut.broken.size;
      for (const found of parsed.error.issues) {
        const section = view.originalPath(found.path.filter((s): s is PathSegment => typeof s !== 'symbol'))[0];
        if (typeof section === 'string' && Object.hasOwn(planSchema.shape, section)) cut.broken.add(section as PlanSection);
      }
      if (!progressed && cut.broken.size === before) break;
    }
  }
  const everything = { ...cut, broken: new Set(Object.keys(planSchema.shape) as PlanSection[]) };
  return result(planSchema.parse(viewWithout({}, everything).value), everything, (path) => path);
}

interface Cuts {
  /** List entries cut away: the list's path in the file → the indices removed. */
  entries: Map<string, Set<number>>;
  keys: Set<string>;
  broken: Set<PlanSection>;
}

function result(plan: Plan, cut: Cuts, originalPath: (path: Path) => Path): SalvagedPlan {
  const incomplete = new Set<PlanSection>(cut.broken);
  for (const key of [...cut.keys, ...cut.entries.keys()]) incomplete.add((JSON.parse(key) as Path)[0] as PlanSection);
  return { plan, broken: cut.broken, incomplete, removedKeys: cut.keys, originalPath };
}

function addKey(cut: Cuts, path: Path): boolean {
  if (path.length === 1 && Object.hasOwn(planSchema.shape, path[0]!)) {
    if (cut.broken.has(path[0] as PlanSection)) return false;
    cut.broken.add(path[0] as PlanSection);
    return true;
  }
  const key = pathKey(path);
  if (cut.keys.has(key)) return false;
  cut.keys.add(key);
  return true;
}

/** Cut the innermost optional key or list entry that contains the problem; else break the section. */
function cutAround(cut: Cuts, path: Path, data: unknown): boolean {
  for (let end = path.length; end > 1; end--) {
    const segment = path[end - 1]!;
    const parent = path.slice(0, end - 1);
    if (typeof segment === 'number') {
      const key = pathKey(parent);
      const removed = cut.entries.get(key) ?? new Set<number>();
      if (removed.has(segment)) return false;
      removed.add(segment);
      cut.entries.set(key, removed);
      return true;
    }
    if (isOptionalKey(parent, segment) && hasValue(data, path.slice(0, end))) return addKey(cut, path.slice(0, end));
  }
  const section = path[0];
  if (typeof section !== 'string' || !Object.hasOwn(planSchema.shape, section) || cut.broken.has(section as PlanSection)) return false;
  cut.broken.add(section as PlanSection);
  return true;
}

function isOptionalKey(parent: Path, key: string): boolean {
  return schemasAt(planSchema, parent).some((schema) => {
    const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType> } } })._zod.def;
    const field = def.type === 'object' && def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    return field !== undefined && WRAPPERS.has((field as unknown as { _zod: { def: { type: string } } })._zod.def.type);
  });
}

function hasValue(data: unknown, path: Path): boolean {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return false;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return true;
}

/** A copy of the data with the cuts applied, and the way back from its paths to the file's. */
function viewWithout(data: Readonly<Record<string, unknown>>, cut: Cuts): { value: Record<string, unknown>; originalPath: (path: Path) => Path } {
  const kept = new Map<string, number[]>();
  const copy = (value: unknown, path: Path): unknown => {
    if (Array.isArray(value)) {
      const removed = cut.entries.get(pathKey(path));
      const out: unknown[] = [];
      const indices: number[] = [];
      value.forEach((entry, i) => {
        if (removed?.has(i)) return;
        out.push(copy(entry, [...path, i]));
        indices.push(i);
      });
      if (removed) kept.set(pathKey(path), indices);
      return out;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        if (cut.keys.has(pathKey([...path, key]))) continue;
        // defineProperty: a key named __proto__ must stay data, not become the prototype.
        Object.defineProperty(out, key, { value: copy(entry, [...path, key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };

  const value: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(data)) {
    if (cut.broken.has(key as PlanSection) || cut.keys.has(pathKey([key]))) continue;
    Object.defineProperty(value, key, { value: copy(entry, [key]), enumerable: true, writable: true, configurable: true });
  }
  for (const section of cut.broken) {
    const fallback = planSchema.shape[section].safeParse(undefined);
    if (!fallback.success) value[section] = PLACEHOLDERS[section];
  }

  const originalPath = (path: Path): Path => {
    const out: PathSegment[] = [];
    for (const segment of path) {
      const indices = typeof segment === 'number' ? kept.get(pathKey(out)) : undefined;
      out.push(indices ? (indices[segment as number] ?? segment) : segment);
    }
    return out;
  };
  return { value, originalPath };
}

/** The finding with every path it carries mapped back to the file. */
export function originalIssue(found: RuleIssue, originalPath: (path: Path) => Path): RuleIssue {
  const path = originalPath(found.path);
  switch (found.rule) {
    case 'duplicate-id':
      return { ...found, path, params: { ...found.params, firstPath: originalPath(found.params.firstPath) } };
    case 'gate-task-id-clash':
      return { ...found, path, params: { ...found.params, taskPath: originalPath(found.params.taskPath) } };
    default:
      return { ...found, path };
  }
}

/** Ids written in the file for a section, readable or not (so a cut entry still "exists"). */
export function writtenIds(data: Readonly<Record<string, unknown>>, section: PlanSection): Set<string> {
  const ids = new Set<string>();
  const stack: unknown[] = [Object.hasOwn(data, section) ? data[section] : undefined];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!Array.isArray(value)) continue;
    for (const entry of value) {
      if (entry === null || typeof entry !== 'object') continue;
      const record = entry as Record<string, unknown>;
      if (typeof record['id'] === 'string') ids.add(record['id']);
      // Only the goal tree nests entries of the same kind.
      if (section === 'goals') stack.push(record['children']);
    }
  }
  return ids;
}
