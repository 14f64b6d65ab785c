/**
 * The schedule that runs (P2.1): tasks start when their dependencies are done and their phase has
 * begun, their owners are told, and automatic tasks are completed by the campaign after their
 * duration. Owners complete the others with the `completeTask` Update.
 */
import { log, sleep } from '@temporalio/workflow';
import { startReadyTasks, type TaskPhase } from '../../../domain/execution/task-start.js';
import { applyTaskDone, type TaskState } from '../../../domain/gates.js';
import { taskStartedMessage } from '../../../domain/notifications/execution-messages.js';
import type { Phase } from '../../contract.js';
import type { Announcer } from '../announce.js';
import { noticeKeys } from '../effects.js';
import { planMs, type CampaignState } from '../state.js';

/** The task phase a campaign phase has reached (closing covers a closed campaign too). */
export function taskPhaseOf(phase: Phase): TaskPhase {
  return phase === 'closed' ? 'closing' : phase;
}

export interface TaskRunner {
  /** Starts what can start now; `onChange` hears about tasks the campaign completed itself. */
  advance(at: Date): void;
  /** Picks up automatic tasks that were running when the previous run ended. */
  resume(): void;
  onChange: (at: Date) => void;
}

export function taskRunner(state: CampaignState, announce: Announcer): TaskRunner {
  const runner: TaskRunner = {
    onChange: () => {},
    advance(at) {
      const { tasks, started } = startReadyTasks(state.tasks, taskPhaseOf(state.phase), at);
      state.tasks = tasks;
      for (const task of started) {
        if (task.automatic) completeLater(task, planMs(state, durationOf(task.id)));
        else announce.notice(noticeKeys.taskStarted(task.id), [task.owner], taskStartedMessage({ campaignId: state.campaignId, plan: state.plan, at }, {
          id: task.id, name: task.name, owner: task.owner, deliverable: state.plan.tasks.find((t) => t.id === task.id)?.deliverable,
        }));
      }
    },
    resume() {
      for (const task of state.tasks.filter((t) => t.automatic && t.startedAt && t.status !== 'done')) {
        const due = Date.parse(task.startedAt!) + planMs(state, durationOf(task.id));
        completeLater(task, Math.max(1, due - Date.now()));
      }
    },
  };

  function durationOf(id: string): string {
    return state.plan.tasks.find((t) => t.id === id)?.duration ?? '1d';
  }

  function completeLater(task: TaskState, afterMs: number): void {
    void sleep(afterMs).then(() => {
      if (state.tasks.find((t) => t.id === task.id)?.status === 'done') return;
      const at = new Date();
      state.tasks = applyTaskDone(state.tasks, { task: task.id, by: 'system' }, at);
      log.info('Automatic task done', { campaignId: state.campaignId, task: task.id });
      runner.advance(at);
      runner.onChange(at);
    });
  }

  return runner;
}
