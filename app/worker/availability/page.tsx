import { toDateString } from '@/lib/time';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { IcalLink } from '@/components/workers/ical-link';
import { ScheduleForm } from '@/components/workers/schedule-form';
import { dayRows } from '@/components/workers/schedule-view';
import { RemoveTimeOffButton, TimeOffForm } from '@/components/workers/time-off-form';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { env } from '@/lib/env';
import { getIcalLinkCreatedAt, getSchedule } from '@/lib/workers';
import { EmailPreferencesForm } from '@/components/notifications/email-preferences-form';
import { listEmailPreferences } from '@/lib/notifications';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('workers', 'availabilityTitle');

export default async function AvailabilityPage() {
  const actor = await requireRole('worker');
  const db = await getDb();
  const [schedule, icalSince, emailPrefs] = await Promise.all([
    getSchedule(db, actor, actor.id),
    getIcalLinkCreatedAt(db, actor, actor.id),
    listEmailPreferences(db, actor),
  ]);
  const tn = await getTranslations('notifications');
  const t = await getTranslations('workers');
  const format = await getFormatter();
  const day = (d: string) =>
    format.dateTime(new Date(`${d}T12:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (
    <div className="space-y-5">
      <PageTitle>{t('availabilityTitle')}</PageTitle>
      <Card title={t('weeklyHours')}>
        <p className="mb-2 text-sm text-slate-500">{t('timeZoneNote', { zone: schedule.timeZone })}</p>
        <ScheduleForm workerId={actor.id} days={dayRows(schedule)} />
      </Card>
      <Card title={t('timeOff')}>
        <ul className="mb-4 divide-y divide-slate-100">
          {schedule.timeOff.length === 0 ? <li className="py-2 text-slate-500">{t('noTimeOff')}</li> : null}
          {schedule.timeOff.map((o) => (
            <li
              key={o.id}
              className="flex flex-wrap items-center justify-between gap-2 py-2"
              data-testid="time-off-row"
            >
              <span>
                {day(o.fromDate)}
                {o.toDate !== o.fromDate ? ` – ${day(o.toDate)}` : ''}
                {o.reason ? ` · ${o.reason}` : ''}
              </span>
              <RemoveTimeOffButton workerId={actor.id} timeOffId={o.id} />
            </li>
          ))}
        </ul>
        <TimeOffForm workerId={actor.id} today={toDateString(new Date(), schedule.timeZone)} />
      </Card>
      <Card title={t('icalTitle')}>
        <IcalLink exists={icalSince !== null} baseUrl={env().APP_URL} />
      </Card>
      {emailPrefs.length > 0 ? (
        <Card title={tn('prefsTitle')}>
          <EmailPreferencesForm kinds={emailPrefs} />
        </Card>
      ) : null}
    </div>
  );
}
