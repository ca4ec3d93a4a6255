import 'server-only';
import { and, asc, desc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { qualityForms, qualityResponses, type QualityAnswer, type QualityQuestion } from '@/db/schema';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { serviceNames } from '@/lib/catalog';
import { orderFacts } from '@/lib/orders';
import { notFound, validationFailed } from '@/lib/errors';
import { recordAudit } from '@/lib/audit';
import { checkAnswers, scoreAnswers } from './scoring';
import { fillFormInput, parseOptions, type FormTemplateData } from './schemas';

export type QualityFormDto = {
  id: string;
  nameRu: string;
  nameEn: string;
  purpose: 'service' | 'follow_up';
  serviceId: string | null;
  serviceNameRu: string | null;
  serviceNameEn: string | null;
  questions: QualityQuestion[];
  archived: boolean;
};

const formColumns = {
  id: qualityForms.id,
  nameRu: qualityForms.nameRu,
  nameEn: qualityForms.nameEn,
  purpose: qualityForms.purpose,
  serviceId: qualityForms.serviceId,
  questions: qualityForms.questions,
  archivedAt: qualityForms.archivedAt,
};

type FormRow = { archivedAt: Date | null } & Omit<QualityFormDto, 'archived' | 'serviceNameRu' | 'serviceNameEn'>;

/** The forms as staff read them, each with its service's names (one read of the catalogue for the list). */
async function toDtos(db: Db, rows: FormRow[]): Promise<QualityFormDto[]> {
  const ids = rows.flatMap((r) => (r.serviceId ? [r.serviceId] : []));
  const names = new Map((await serviceNames(db, ids)).map((n) => [n.id, n]));
  return rows.map(({ archivedAt, ...rest }) => {
    const service = rest.serviceId ? names.get(rest.serviceId) : undefined;
    return {
      ...rest,
      serviceNameRu: service?.nameRu ?? null,
      serviceNameEn: service?.nameEn ?? null,
      archived: archivedAt !== null,
    };
  });
}

function toQuestions(data: FormTemplateData): QualityQuestion[] {
  return data.questions.map((q) => ({
    code: q.code,
    kind: q.kind,
    ru: q.ru,
    en: q.en,
    required: q.required,
    ...(q.kind === 'choice' ? { options: parseOptions(q.optionsText) ?? [] } : {}),
  }));
}

export async function listQualityForms(
  db: Db,
  actor: Actor,
  opts: { includeArchived?: boolean } = {},
): Promise<QualityFormDto[]> {
  assertStaff(actor);
  const list = await db
    .select(formColumns)
    .from(qualityForms)
    .where(opts.includeArchived ? undefined : isNull(qualityForms.archivedAt))
    .orderBy(asc(qualityForms.purpose), asc(qualityForms.nameRu));
  return toDtos(db, list);
}

export async function getQualityForm(db: Db, actor: Actor, id: string): Promise<QualityFormDto> {
  assertStaff(actor);
  const [row] = await db.select(formColumns).from(qualityForms).where(eq(qualityForms.id, id));
  if (!row) throw notFound('errors.notFound');
  const [dto] = await toDtos(db, [row]);
  return dto;
}

/** Admins build the templates. Filled forms keep a copy of their questions, so edits never rescore old answers. */
export async function saveQualityForm(
  db: Db,
  actor: Actor,
  id: string | null,
  data: FormTemplateData,
  now = new Date(),
): Promise<{ id: string }> {
  assertRole(actor, 'admin');
  const serviceId = data.purpose === 'service' && data.serviceId ? data.serviceId : null;
  const values = {
    nameRu: data.nameRu,
    nameEn: data.nameEn,
    purpose: data.purpose,
    serviceId,
    questions: toQuestions(data),
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    if (serviceId) {
      const [svc] = await serviceNames(tx, [serviceId]);
      if (!svc) throw validationFailed({ serviceId: 'errors.notFound' });
    }
    if (!id) {
      const [row] = await tx
        .insert(qualityForms)
        .values({ ...values, createdAt: now })
        .returning({ id: qualityForms.id });
      await recordAudit(tx, actor, {
        action: 'quality_form.create',
        entity: 'quality_form',
        entityId: row.id,
        after: values,
      });
      return row;
    }
    const [before] = await tx.select().from(qualityForms).where(eq(qualityForms.id, id)).for('update');
    if (!before) throw notFound('errors.notFound');
    await tx.update(qualityForms).set(values).where(eq(qualityForms.id, id));
    await recordAudit(tx, actor, {
      action: 'quality_form.update',
      entity: 'quality_form',
      entityId: id,
      before: {
        nameRu: before.nameRu,
        nameEn: before.nameEn,
        purpose: before.purpose,
        serviceId: before.serviceId,
        questions: before.questions,
      },
      after: {
        nameRu: values.nameRu,
        nameEn: values.nameEn,
        purpose: values.purpose,
        serviceId: values.serviceId,
        questions: values.questions,
      },
    });
    return { id };
  });
}

export async function setQualityFormArchived(
  db: Db,
  actor: Actor,
  id: string,
  archived: boolean,
  now = new Date(),
): Promise<void> {
  assertRole(actor, 'admin');
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(qualityForms)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(qualityForms.id, id))
      .returning({ id: qualityForms.id });
    if (updated.length === 0) throw notFound('errors.notFound');
    await recordAudit(tx, actor, {
      action: archived ? 'quality_form.archive' : 'quality_form.restore',
      entity: 'quality_form',
      entityId: id,
      after: { archived },
    });
  });
}

/** The forms a manager may fill for an order: those attached to its service or to any service, and follow-up forms. */
export async function formsForOrder(db: Db, actor: Actor, orderId: string): Promise<QualityFormDto[]> {
  assertStaff(actor);
  const order = await orderFacts(db, orderId);
  if (!order) throw notFound('errors.orderNotFound');
  const list = await db
    .select(formColumns)
    .from(qualityForms)
    .where(
      and(
        isNull(qualityForms.archivedAt),
        or(
          eq(qualityForms.purpose, 'follow_up'),
          isNull(qualityForms.serviceId),
          eq(qualityForms.serviceId, order.serviceId),
        ),
      ),
    )
    .orderBy(asc(qualityForms.purpose), asc(qualityForms.nameRu));
  return toDtos(db, list);
}

/** A manager fills a form for an order: answers checked against the template, scored, stored with a copy of the questions. */
export async function fillQualityForm(
  db: Db,
  actor: Actor,
  raw: { orderId: string; formId: string; answers: Record<string, QualityAnswer> },
  now = new Date(),
): Promise<{ id: string; scoreBp: number | null }> {
  assertStaff(actor);
  const input = fillFormInput.parse(raw);
  return db.transaction(async (tx) => {
    const order = await orderFacts(tx, input.orderId);
    if (!order) throw notFound('errors.orderNotFound');
    const [form] = await tx
      .select({ id: qualityForms.id, questions: qualityForms.questions, archivedAt: qualityForms.archivedAt })
      .from(qualityForms)
      .where(eq(qualityForms.id, input.formId));
    if (!form || form.archivedAt) throw notFound('errors.notFound');
    const check = checkAnswers(form.questions, input.answers);
    if (!check.ok)
      throw validationFailed(Object.fromEntries(Object.entries(check.fields).map(([k, v]) => [`answers.${k}`, v])));
    const scoreBp = scoreAnswers(form.questions, check.answers);
    const [row] = await tx
      .insert(qualityResponses)
      .values({
        formId: form.id,
        orderId: order.id,
        workerId: order.workerId,
        questions: form.questions,
        answers: check.answers,
        scoreBp,
        filledBy: actor.id,
        at: now,
      })
      .returning({ id: qualityResponses.id });
    await recordAudit(tx, actor, {
      action: 'quality_form.fill',
      entity: 'order',
      entityId: order.id,
      after: { number: order.number, formId: form.id, scoreBp },
    });
    return { id: row.id, scoreBp };
  });
}

export type QualityResponseDto = {
  id: string;
  formNameRu: string;
  formNameEn: string;
  questions: QualityQuestion[];
  answers: Record<string, QualityAnswer>;
  scoreBp: number | null;
  filledByName: string;
  at: Date;
};

export async function responsesForOrder(db: Db, actor: Actor, orderId: string): Promise<QualityResponseDto[]> {
  assertStaff(actor);
  return db
    .select({
      id: qualityResponses.id,
      formNameRu: qualityForms.nameRu,
      formNameEn: qualityForms.nameEn,
      questions: qualityResponses.questions,
      answers: qualityResponses.answers,
      scoreBp: qualityResponses.scoreBp,
      filledByName: personName(qualityResponses.filledBy),
      at: qualityResponses.at,
    })
    .from(qualityResponses)
    .innerJoin(qualityForms, eq(qualityForms.id, qualityResponses.formId))
    .where(eq(qualityResponses.orderId, orderId))
    .orderBy(desc(qualityResponses.at));
}
