import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/ui/card';
import { SettingsForms } from '@/components/settings/settings-forms';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { getSettingsView } from '@/lib/settings';
import { settingsFormValues } from '@/lib/settings/shared';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('settings', 'title');

/** The IANA zones this runtime knows, with the current one kept even if the list names it differently. */
function timeZoneOptions(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  // V8 lists canonical zones only and leaves UTC out.
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort();
}

export default async function SettingsPage() {
  const actor = await requireRole('manager', 'admin');
  const { settings, canEdit } = await getSettingsView(await getDb(), actor);
  const t = await getTranslations('settings');
  return (
    <div className="space-y-4">
      <PageTitle>{t('title')}</PageTitle>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {canEdit ? null : (
        <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('readOnly')}
        </p>
      )}
      <SettingsForms
        values={settingsFormValues(settings)}
        currency={settings.currency}
        timeZones={timeZoneOptions(settings.timeZone)}
        canEdit={canEdit}
      />
    </div>
  );
}
