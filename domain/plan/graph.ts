/**
 * Dependency graphs (tasks, gates, KPI formulas). Iterative throughout: a plan may hold thousands
 * of items in one chain, and recursion that deep would exhaust the stack.
 */

export type Edges = (id: string) => readonly string[];

/**
 * Nodes ordered so that every node comes after the nodes it depends on; nodes on or behind a cycle
 * are left out of `order` and listed in `blocked`. Edges to unknown nodes are ignored.
 */
export function dependencyOrder(nodes: readonly string[], dependsOn: Edges): { order: string[]; blocked: string[] } {
  const known = new Set(nodes);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of known) {
    const deps = new Set(dependsOn(node).filter((dep) => known.has(dep)));
    waitingOn.set(node, deps.size);
    for (const dep of deps) {
      const list = dependents.get(dep) ?? [];
      list.push(node);
      dependents.set(dep, list);
    }
  }
  const ready = [...known].filter((node) => waitingOn.get(node) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const node = ready[i]!;
    order.push(node);
    for (const dependent of dependents.get(node) ?? []) {
      const left = waitingOn.get(dependent)! - 1;
      waitingOn.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const placed = new Set(order);
  return { order, blocked: [...known].filter((node) => !placed.has(node)) };
}

/**
 * Each cycle once, as the ids along it with the first repeated at the end (`a → b → a`). A cycle
 * starts at its member that comes first in `nodes`, so the same plan always names it the same way.
 */
export function findCycles(nodes: readonly string[], dependsOn: Edges): string[][] {
  const known = new Set(nodes);
  const rank = new Map<string, number>();
  nodes.forEach((node, i) => { if (!rank.has(node)) rank.set(node, i); });
  const edges = (node: string): string[] => [...new Set(dependsOn(node))].filter((dep) => known.has(dep));

  const cycles: string[][] = [];
  for (const component of stronglyConnected([...known], edges)) {
    const isCycle = component.length > 1 || edges(component[0]!).includes(component[0]!);
    if (!isCycle) continue;
    const members = new Set(component);
    const start = component.reduce((a, b) => (rank.get(a)! <= rank.get(b)! ? a : b));
    cycles.push(shortestLoop(start, (node) => edges(node).filter((dep) => members.has(dep))));
  }
  return cycles.sort((a, b) => rank.get(a[0]!)! - rank.get(b[0]!)!);
}

/** Breadth-first from `start` back to itself, so the cycle named is the shortest through it. */
function shortestLoop(start: string, edges: (node: string) => string[]): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of edges(node)) {
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        path.push(start);
        return path;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Tarjan's algorithm with an explicit stack. */
function stronglyConnected(nodes: string[], edges: (node: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: string[]; at: number }[] = [];
    const open = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: edges(node), at: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.next.length) {
        const dep = frame.next[frame.at++]!;
        if (!index.has(dep)) open(dep);
        else if (onStack.has(dep)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
