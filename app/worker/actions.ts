'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import {
  addTimeOff,
  declineTask,
  finishTask,
  regenerateIcalToken,
  removeTimeOff,
  setWeeklySchedule,
  startTask,
} from '@/lib/workers';
import {
  declineInput,
  finishInput,
  removeTimeOffInput,
  taskIdInput,
  timeOffInput,
  weeklyScheduleInput,
} from '@/lib/workers/shared';
import { z } from 'zod';

// Worker and staff share the availability actions: lib/workers lets a worker touch only themselves.
const people = ['worker', 'manager', 'admin'] as const;

export const startTaskAction = roleAction(['worker'], taskIdInput, async ({ orderId }, actor) => {
  const r = await startTask(await getDb(), actor, orderId);
  revalidatePath('/worker');
  return { late: r.late, lateMinutes: r.lateMinutes };
});

export const finishTaskAction = roleAction(['worker'], finishInput, async (input, actor) => {
  await finishTask(await getDb(), actor, input.orderId, { ticked: input.ticked, note: input.note });
  revalidatePath('/worker');
});

export const declineTaskAction = roleAction(['worker'], declineInput, async (input, actor) => {
  await declineTask(await getDb(), actor, input.orderId, { reasonCode: input.reasonCode, note: input.note });
  revalidatePath('/worker');
});

export const saveScheduleAction = roleAction([...people], weeklyScheduleInput, async (input, actor) => {
  const slots = input.days.filter((d) => d.enabled).map((d) => ({ weekday: d.weekday, from: d.from, to: d.to }));
  await setWeeklySchedule(await getDb(), actor, input.workerId, slots);
  revalidatePath('/worker/availability');
  revalidatePath(`/admin/workers/${input.workerId}`);
});

export const addTimeOffAction = roleAction([...people], timeOffInput, async (input, actor) => {
  await addTimeOff(await getDb(), actor, input.workerId, input);
  revalidatePath('/worker/availability');
  revalidatePath(`/admin/workers/${input.workerId}`);
});

export const removeTimeOffAction = roleAction([...people], removeTimeOffInput, async (input, actor) => {
  await removeTimeOff(await getDb(), actor, input.workerId, input.timeOffId);
  revalidatePath('/worker/availability');
  revalidatePath(`/admin/workers/${input.workerId}`);
});

/** Returns the new link's token this once: only its hash is stored, so the page cannot show it again. */
export const regenerateIcalAction = roleAction(['worker'], z.object({}), async (_input, actor) => {
  const token = await regenerateIcalToken(await getDb(), actor, actor.id);
  revalidatePath('/worker/availability');
  return { token };
});
