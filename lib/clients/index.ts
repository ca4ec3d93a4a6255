import 'server-only';
// lib/clients: client records for staff: search, staff notes, preferred workers, phone bookings (through
// lib/orders, the one writer of orders). Other modules import from here only.
export * from './shared';
export { searchClients, phoneDigits, type ClientListItem } from './search';
export { getClientContact, type ClientContact } from './record';
export { addStaffNote, archiveStaffNote, listStaffNotes, staffNotesForOrder, type StaffNoteDto } from './notes';
export {
  addPreferredWorker,
  removePreferredWorker,
  listPreferredWorkers,
  preferredWorkersOf,
  type PreferredWorkerDto,
} from './preferred';
export { createPhoneClient, bookForClient } from './phone-booking';
