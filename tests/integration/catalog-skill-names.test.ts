import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { skillNames } from '@/lib/catalog';
import { setupTestDb } from '../support/db';
import { createService } from '../support/factories';

const t = setupTestDb();

describe('skills in words', () => {
  it('a new skill reads as the service that needs it, in both languages; a shared one names each service', async () => {
    const skill = `ironing_${randomUUID().slice(0, 4)}`;
    await createService(t.db, { skill, nameRu: 'Глажка', nameEn: 'Ironing' });
    const shared = `clean_${randomUUID().slice(0, 4)}`;
    await createService(t.db, {
      skill: shared,
      nameRu: 'Поддерживающая',
      nameEn: 'Regular',
      createdAt: new Date('2026-01-01'),
    });
    await createService(t.db, {
      skill: shared,
      nameRu: 'Генеральная',
      nameEn: 'Deep',
      createdAt: new Date('2026-02-01'),
    });
    const names = await skillNames(t.db);
    expect(names.get(skill)).toEqual({ ru: 'Глажка', en: 'Ironing' });
    expect(names.get(shared)).toEqual({ ru: 'Поддерживающая / Генеральная', en: 'Regular / Deep' });
  });
});
