import { z } from 'zod';
import { orderInput } from '@/lib/orders/shared';

// Inputs of the client record and phone booking actions, shared by the forms (zodResolver) and the server
// actions that re-parse them. Messages are i18n keys.

export const staffNoteKinds = ['permanent', 'one_off'] as const;
export type StaffNoteKind = (typeof staffNoteKinds)[number];

export const staffNoteInput = z
  .object({
    clientId: z.uuid(),
    kind: z.enum(staffNoteKinds),
    /** The order a one-off note is for; '' for a permanent note. */
    orderId: z.union([z.uuid(), z.literal('')]).default(''),
    body: z.string().trim().min(2, 'clients.errors.noteShort').max(2000, 'errors.tooLong'),
  })
  .refine((v) => v.kind === 'permanent' || v.orderId !== '', {
    message: 'clients.errors.noteOrderRequired',
    path: ['orderId'],
  });
export type StaffNoteInput = z.input<typeof staffNoteInput>;

export const archiveNoteInput = z.object({ noteId: z.uuid() });
export type ArchiveNoteInput = z.infer<typeof archiveNoteInput>;

export const preferredWorkerInput = z.object({
  clientId: z.uuid(),
  workerId: z.uuid('clients.errors.workerRequired'),
  note: z.string().trim().max(500, 'errors.tooLong').default(''),
});
export type PreferredWorkerInput = z.input<typeof preferredWorkerInput>;

export const removePreferredInput = z.object({ clientId: z.uuid(), workerId: z.uuid() });
export type RemovePreferredInput = z.infer<typeof removePreferredInput>;

/** A phone booking: the client's own order form, the same schema, plus whose booking it is. */
export const phoneBookingInput = orderInput.extend({ clientId: z.uuid() });
export type PhoneBookingInput = z.input<typeof phoneBookingInput>;

/** The client list's URL parameters; anything malformed falls back to no filter. */
export const clientSearchParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

/** A phone booking's new caller: their new account, or the client who already has the email (offered instead). */
export type PhoneClientResult =
  | { status: 'created'; clientId: string }
  | { status: 'existing'; client: { id: string; name: string; email: string; phone: string } };
