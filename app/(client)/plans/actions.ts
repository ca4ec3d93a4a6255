'use server';
import { planActions } from './plan-actions';

const client = planActions(['client'], (planId) => `/plans/${planId}`, ['/orders']);

export const endPlanAction = client.end;
export const pausePlanAction = client.pause;
export const resumePlanAction = client.resume;
export const changePlanAction = client.change;
export const holidayRuleAction = client.holidayRule;
