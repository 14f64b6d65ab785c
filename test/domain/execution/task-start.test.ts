import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startReadyTasks, type TaskPhase } from '../../../domain/execution/task-start.js';
import { ErrorType } from '../../../domain/errors.js';
import { PHASES } from '../../../domain/plan/schema.js';
import { applyTaskDone, checkTaskDone, type TaskState } from '../../../domain/preparation/tasks.js';

const AT = new Date('2027-03-05T02:00:00.000Z');
const LATER = new Date('2027-03-06T02:00:00.000Z');

function task(id: string, phase: TaskPhase = 'preparation', dependsOn: string[] = [], extra: Partial<TaskState> = {}): TaskState {
  return { id, name: `Task ${id}`, owner: 'wang.wei', phase, dependsOn, status: 'planned', ...extra };
}

const ids = (tasks: readonly TaskState[]) => tasks.map((t) => t.id);

describe('startReadyTasks', () => {
  // script → shoot → edit; poster alone; teaser (warm-up) after the shoot; launch-check in the rollout.
  const plan = [
    task('script'),
    task('shoot', 'preparation', ['script']),
    task('edit', 'preparation', ['shoot']),
    task('poster'),
    task('teaser', 'warmup', ['shoot']),
    task('launch-check', 'rollout'),
  ];

  it('starts only the tasks with nothing left to wait for, stamping the time', () => {
    const { tasks, started } = startReadyTasks(plan, 'preparation', AT);
    expect(ids(started)).toEqual(['script', 'poster']);
    for (const t of started) expect(t.startedAt).toBe(AT.toISOString());
    expect(tasks.filter((t) => t.startedAt !== undefined).map((t) => t.id)).toEqual(['script', 'poster']);
    // Order and length of the list are kept.
    expect(ids(tasks)).toEqual(ids(plan));
  });

  it('does not start a dependant in the same call as its dependency: started is not done', () => {
    const { tasks } = startReadyTasks(plan, 'preparation', AT);
    expect(tasks.find((t) => t.id === 'shoot')!.startedAt).toBeUndefined();
    const again = startReadyTasks(tasks, 'preparation', LATER);
    expect(again.started).toEqual([]);
  });

  it('walks the dependency chain as tasks are completed', () => {
    let tasks = startReadyTasks(plan, 'preparation', AT).tasks;
    tasks = applyTaskDone(tasks, { task: 'script', by: 'wang.wei' }, LATER);
    const second = startReadyTasks(tasks, 'preparation', LATER);
    expect(ids(second.started)).toEqual(['shoot']);
    expect(second.started[0]!.startedAt).toBe(LATER.toISOString());
    // The script keeps its own start, the poster too.
    expect(second.tasks.find((t) => t.id === 'script')!.startedAt).toBe(AT.toISOString());
    expect(second.tasks.find((t) => t.id === 'poster')!.startedAt).toBe(AT.toISOString());
  });

  it('does not start a warm-up task during preparation, even when its dependencies are done', () => {
    const tasks = plan.map((t) => (t.id === 'script' || t.id === 'shoot' ? { ...t, status: 'done' as const } : t));
    const inPreparation = startReadyTasks(tasks, 'preparation', AT);
    expect(ids(inPreparation.started)).toEqual(['edit', 'poster']);
    expect(inPreparation.tasks.find((t) => t.id === 'teaser')!.startedAt).toBeUndefined();

    const inPilot = startReadyTasks(tasks, 'pilot', AT);
    expect(ids(inPilot.started)).not.toContain('teaser');

    const inWarmup = startReadyTasks(tasks, 'warmup', AT);
    expect(ids(inWarmup.started)).toContain('teaser');
    expect(ids(inWarmup.started)).not.toContain('launch-check');
  });

  it('counts phases the plan skipped as begun once a later phase is reached', () => {
    // No warm-up in the plan: the campaign goes from preparation straight to the rollout.
    const tasks = plan.map((t) => (t.id === 'script' || t.id === 'shoot' ? { ...t, status: 'done' as const } : t));
    const { started } = startReadyTasks(tasks, 'rollout', AT);
    expect(ids(started).sort()).toEqual(['edit', 'launch-check', 'poster', 'teaser']);
    // A pilot task in a plan without a pilot is not stranded either.
    expect(ids(startReadyTasks([task('pilot-brief', 'pilot')], 'warmup', AT).started)).toEqual(['pilot-brief']);
    expect(ids(startReadyTasks([task('wrap-up', 'closing')], 'rollout', AT).started)).toEqual([]);
  });

  it('leaves tasks already started or done untouched', () => {
    const startedBefore = task('script', 'preparation', [], { startedAt: '2027-03-01T00:00:00.000Z' });
    const doneBefore = task('poster', 'preparation', [], {
      status: 'done', startedAt: '2027-03-01T00:00:00.000Z', doneAt: '2027-03-02T00:00:00.000Z', doneBy: 'wang.wei',
    });
    // Done without a recorded start (a campaign from before starts were tracked).
    const doneUntracked = task('brief', 'preparation', [], { status: 'done', doneBy: 'li.na' });
    const { tasks, started } = startReadyTasks([startedBefore, doneBefore, doneUntracked], 'closing', AT);
    expect(started).toEqual([]);
    expect(tasks).toEqual([startedBefore, doneBefore, doneUntracked]);
  });

  it('does not change the tasks it is given', () => {
    const input = plan.map((t) => ({ ...t }));
    const copy = structuredClone(input);
    startReadyTasks(input, 'rollout', AT);
    expect(input).toEqual(copy);
  });

  it('never starts a task that waits for a task the campaign does not have', () => {
    expect(startReadyTasks([task('orphan', 'preparation', ['ghost'])], 'closing', AT).started).toEqual([]);
  });

  describe('properties', () => {
    // A random DAG: task i may only depend on tasks before it; random phases, statuses and starts.
    const scenario = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({
      tasks: fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({
        phase: fc.constantFrom(...PHASES),
        deps: fc.subarray(Array.from({ length: i }, (_, j) => `t${j}`)),
        state: fc.constantFrom('planned', 'started', 'done'),
      }))),
      begun: fc.constantFrom(...PHASES),
    }));

    function build(s: { tasks: Array<{ phase: TaskPhase; deps: string[]; state: string }> }): TaskState[] {
      return s.tasks.map((t, i) => task(`t${i}`, t.phase, t.deps, {
        ...(t.state !== 'planned' ? { startedAt: '2027-03-01T00:00:00.000Z' } : {}),
        ...(t.state === 'done' ? { status: 'done' as const } : {}),
      }));
    }

    it('starts exactly the unstarted tasks whose dependencies are done and whose phase has begun', () => {
      fc.assert(fc.property(scenario, (s) => {
        const input = build(s);
        const { tasks, started } = startReadyTasks(input, s.begun, AT);
        const done = new Set(input.filter((t) => t.status === 'done').map((t) => t.id));
        const expected = input.filter((t) => t.startedAt === undefined && t.status !== 'done'
          && PHASES.indexOf(t.phase) <= PHASES.indexOf(s.begun)
          && t.dependsOn.every((d) => done.has(d)));
        expect(ids(started)).toEqual(ids(expected));
        expect(tasks).toHaveLength(input.length);
        tasks.forEach((after, i) => {
          const before = input[i]!;
          if (expected.includes(before)) {
            expect(after).toEqual({ ...before, startedAt: AT.toISOString() });
          } else {
            expect(after).toEqual(before);
          }
        });
        // What `started` lists is what the returned tasks hold.
        for (const s2 of started) expect(tasks.find((t) => t.id === s2.id)).toEqual(s2);
      }), { numRuns: 300 });
    });

    it('running the schedule to the end starts every task after its dependencies were done, in phase order', () => {
      fc.assert(fc.property(scenario, (s) => {
        let tasks = build({ tasks: s.tasks.map((t) => ({ ...t, state: 'planned' })) });
        let clock = AT.getTime();
        const startedAtStep = new Map<string, number>();
        const doneAtStep = new Map<string, number>();
        const phaseAtStep = new Map<string, number>();
        let step = 0;
        for (const begun of PHASES) {
          // Within a phase: start what can start, finish what started, until nothing moves.
          for (;;) {
            step += 1;
            clock += 60_000;
            const result = startReadyTasks(tasks, begun, new Date(clock));
            for (const t of result.started) {
              startedAtStep.set(t.id, step);
              phaseAtStep.set(t.id, PHASES.indexOf(begun));
            }
            tasks = result.tasks;
            const open = tasks.filter((t) => t.startedAt !== undefined && t.status !== 'done');
            if (result.started.length === 0 && open.length === 0) break;
            for (const t of open) {
              tasks = applyTaskDone(tasks, { task: t.id, by: t.owner }, new Date(clock));
              doneAtStep.set(t.id, step);
            }
          }
        }
        // Every task of an acyclic plan starts eventually, never before its phase or its dependencies.
        expect(tasks.every((t) => t.status === 'done')).toBe(true);
        for (const t of tasks) {
          expect(phaseAtStep.get(t.id)).toBeGreaterThanOrEqual(PHASES.indexOf(t.phase));
          for (const dep of t.dependsOn) expect(doneAtStep.get(dep)).toBeLessThan(startedAtStep.get(t.id)!);
        }
      }), { numRuns: 200 });
    });
  });
});

describe('checkTaskDone', () => {
  const tasks = [
    task('script', 'preparation', [], { startedAt: AT.toISOString() }),
    task('shoot', 'preparation', ['script']),
    task('teaser', 'warmup'),
    task('started-teaser', 'warmup', [], { startedAt: AT.toISOString() }),
    task('done-one', 'preparation', [], { status: 'done', doneBy: 'wang.wei', startedAt: AT.toISOString() }),
  ];

  it('refuses a task whose phase has not begun when the campaign tracks starts', () => {
    const check = checkTaskDone(tasks, { task: 'teaser', by: 'wang.wei' }, 'li.na', true);
    expect(check).toMatchObject({ ok: false, type: ErrorType.TaskBlocked });
    if (!check.ok) expect(check.message).toContain('warmup');
  });

  it('accepts the same task once it has started, and a started task of the current phase', () => {
    expect(checkTaskDone(tasks, { task: 'started-teaser', by: 'wang.wei' }, 'li.na', true)).toEqual({ ok: true });
    expect(checkTaskDone(tasks, { task: 'script', by: 'wang.wei' }, 'li.na', true)).toEqual({ ok: true });
  });

  it('lets a campaign that does not track starts complete a task without a recorded start', () => {
    expect(checkTaskDone(tasks, { task: 'teaser', by: 'wang.wei' }, 'li.na')).toEqual({ ok: true });
    expect(checkTaskDone(tasks, { task: 'teaser', by: 'wang.wei' }, 'li.na', false)).toEqual({ ok: true });
  });

  it('keeps the existing rules when starts are tracked', () => {
    for (const tracks of [false, true]) {
      const unknown = checkTaskDone(tasks, { task: 'nope', by: 'wang.wei' }, 'li.na', tracks);
      expect(unknown).toMatchObject({ ok: false, type: ErrorType.UnknownTask });
      if (!unknown.ok) expect(unknown.message).toContain('script');

      expect(checkTaskDone(tasks, { task: 'done-one', by: 'wang.wei' }, 'li.na', tracks)).toMatchObject({ ok: false, type: ErrorType.AlreadyDone });

      const stranger = checkTaskDone(tasks, { task: 'script', by: 'chen.jing' }, 'li.na', tracks);
      expect(stranger).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
      // The campaign owner may complete anyone's task.
      expect(checkTaskDone(tasks, { task: 'script', by: 'li.na' }, 'li.na', tracks)).toEqual({ ok: true });

      const blocked = checkTaskDone(tasks, { task: 'shoot', by: 'wang.wei' }, 'li.na', tracks);
      expect(blocked).toMatchObject({ ok: false, type: ErrorType.TaskBlocked });
      if (!blocked.ok) expect(blocked.message).toContain('script');
    }
  });

  it('refuses someone else before saying the phase has not begun', () => {
    expect(checkTaskDone(tasks, { task: 'teaser', by: 'chen.jing' }, 'li.na', true)).toMatchObject({ ok: false, type: ErrorType.NotAuthorised });
  });
});
