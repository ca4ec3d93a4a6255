import 'server-only';
// lib/audit: who changed what, when. Other modules call recordAudit inside their own transaction.
export { recordAudit, recordAudits, diffRecords, type AuditActor, type AuditInput } from './record';
export { listAudit, exportAudit, AUDIT_CSV_HEADER, auditFilterInput, type AuditEntry, type AuditFilter } from './list';
