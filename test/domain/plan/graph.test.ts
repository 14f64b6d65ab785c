/** Dependency graphs: order, cycles, and no recursion limits. */
import { describe, expect, it } from 'vitest';
import { dependencyOrder, findCycles } from '../../../domain/plan/graph.js';

const edgesOf = (map: Record<string, string[]>) => (id: string): string[] => map[id] ?? [];

describe('dependencyOrder', () => {
  it('puts dependencies first and leaves nodes on or behind a cycle out', () => {
    const graph = { a: [], b: ['a'], c: ['b', 'd'], d: ['c'], e: ['c'], f: ['a'] };
    const { order, blocked } = dependencyOrder(Object.keys(graph), edgesOf(graph));
    expect(order).toEqual(['a', 'b', 'f']);
    expect(blocked.sort()).toEqual(['c', 'd', 'e']);
  });
});

describe('findCycles', () => {
  it('names each cycle from its earliest-written member, shortest way round', () => {
    const graph = { x: ['y'], y: ['z', 'x'], z: ['x'], solo: ['solo'], free: ['x'] };
    expect(findCycles(['free', 'z', 'y', 'x', 'solo'], edgesOf(graph))).toEqual([['z', 'x', 'y', 'z'], ['solo', 'solo']]);
  });

  it('finds nothing in a graph without cycles', () => {
    expect(findCycles(['a', 'b', 'c'], edgesOf({ b: ['a'], c: ['a', 'b'] }))).toEqual([]);
  });

  it('walks a chain of a hundred thousand items without exhausting the stack', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    const edges = (id: string): string[] => {
      const n = Number(id.slice(1));
      return n === 0 ? ['t99999'] : [`t${n - 1}`];
    };
    const [cycle] = findCycles(ids, edges);
    expect(cycle).toHaveLength(100_001);
    expect(dependencyOrder(ids, (id) => (id === 't0' ? [] : edges(id))).order).toHaveLength(100_000);
  });
});
