import type { Plan, PlannedStep } from './plan';

/**
 * A binary min-heap of plans keyed by (time of the next step, plan seq). The key does not
 * depend on insertion order, so the emitted order is the same however the simulated
 * time is sliced. A plan's `nextAt` must not change while it is in the heap.
 */
export class PlanQueue {
  private readonly heap: Plan[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The plan with the earliest next step, without removing it. */
  peek(): Plan | undefined {
    return this.heap[0];
  }

  push(plan: Plan): void {
    const heap = this.heap;
    heap.push(plan);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Plan;
      if (!isBefore(plan, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = plan;
  }

  pop(): Plan | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && isBefore(heap[r] as Plan, heap[l] as Plan) ? r : l;
      const c = heap[child] as Plan;
      if (!isBefore(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function isBefore(a: Plan, b: Plan): boolean {
  return a.nextAt < b.nextAt || (a.nextAt === b.nextAt && a.seq < b.seq);
}

/** The step a plan will emit next. */
export function nextStep(plan: Plan): PlannedStep {
  const step = plan.steps[plan.next];
  if (!step) throw new Error(`plan ${plan.entityId} has no step ${plan.next}`);
  return step;
}
