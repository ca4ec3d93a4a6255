import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import {
  ArchiveNoteButton,
  BlockAnyWorkerForm,
  PreferWorkerForm,
  RemovePreferredButton,
  StaffNoteForm,
} from '@/components/clients/record-forms';
import { BlockedWorkersPanel } from '@/components/matching/blocked-workers-panel';
import { AddressForm, ContactForm, DeleteAddressButton } from '@/components/orders/account-forms';
import { StaffOrderRow } from '@/components/orders/staff-order-row';
import { buttonClass } from '@/components/ui/button';
import { Card, PageTitle } from '@/components/ui/card';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { getClientContact, listPreferredWorkers, listStaffNotes } from '@/lib/clients';
import { clientStatement, listInvoicesAdmin } from '@/lib/finance';
import { listPlansForStaff } from '@/lib/plans';
import { listSavedAddresses, searchOrders } from '@/lib/orders';
import { formatMoney } from '@/lib/money';
import { orNotFound } from '@/lib/page';
import { filterOptions, listContactsForClient } from '@/lib/quality';
import { one, withParams } from '@/lib/quality/shared';
import { requireRole } from '@/lib/session';
import { getSettings, listZones } from '@/lib/settings';
import { pageLocale } from '@/lib/i18n';
import { deleteClientAddressAction, saveClientAddressAction, updateClientContactAction } from '../actions';

export async function generateMetadata({ params }: PageProps<'/admin/clients/[id]'>) {
  const t = await getTranslations('clients');
  const { id } = await params;
  return { title: `${t('record.title')} ${id.slice(0, 8)}` };
}

// The client record: contact, addresses with access notes, staff notes, preferred and blocked workers, orders
// and plans, balance and invoices, and the contact log across orders. Each list that grows is paged on its own
// cursor in the URL (orders, plans, invoices, contacts).
export default async function ClientRecordPage({ params, searchParams }: PageProps<'/admin/clients/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const sp = await searchParams;
  const db = await getDb();
  const locale = await pageLocale();
  const client = await orNotFound(id, () => getClientContact(db, actor, id));
  const cursors = {
    orders: one(sp, 'orders'),
    plans: one(sp, 'plans'),
    invoices: one(sp, 'invoices'),
    contacts: one(sp, 'contacts'),
    notes: one(sp, 'notes'),
  };
  const [settings, addresses, zones, notes, preferred, options, orders, plans, invoices, statement, contacts, open] =
    await Promise.all([
      getSettings(db),
      listSavedAddresses(db, actor, id),
      listZones(db, locale),
      listStaffNotes(db, actor, id, cursors.notes),
      listPreferredWorkers(db, actor, id),
      filterOptions(db, actor, locale),
      searchOrders(db, actor, { clientId: id, cursor: cursors.orders, limit: 10 }),
      listPlansForStaff(db, actor, { clientId: id, cursor: cursors.plans }),
      listInvoicesAdmin(db, actor, { clientId: id, cursor: cursors.invoices }),
      clientStatement(db, actor, id),
      listContactsForClient(db, actor, id, cursors.contacts),
      searchOrders(db, actor, { clientId: id, status: ['pending', 'assigned', 'in_progress'], limit: 50 }),
    ]);
  const t = await getTranslations('clients');
  const tq = await getTranslations('quality');
  const tb = await getTranslations('billing');
  const tp = await getTranslations('plans');
  const format = await getFormatter();
  const tz = settings.timeZone;
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const money = (n: number) => formatMoney(n, statement.currency, locale);
  const page = (key: keyof typeof cursors) => (c: string | null) =>
    `/admin/clients/${id}${withParams(sp, { [key]: c ?? '' })}`;
  const zoneOptions = zones.map((z) => ({ id: z.id, name: z.name }));
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <Link
            href={`/admin/bookings/new?client=${id}`}
            className={buttonClass('primary')}
            data-testid="book-for-client"
          >
            {t('record.book')}
          </Link>
        }
      >
        {client.name}
      </PageTitle>

      <Card title={t('record.contact')}>
        <dl className="mb-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('record.email')}</dt>
          <dd className="break-all" data-testid="client-email">
            {client.email}
          </dd>
          <dt className="text-slate-600">{t('record.language')}</dt>
          <dd>{client.locale === 'en' ? 'English' : 'Русский'}</dd>
          <dt className="text-slate-600">{t('record.account')}</dt>
          <dd>
            {[
              client.disabled ? t('disabled') : null,
              client.verified ? t('verified') : t('unverified'),
              client.hasPassword ? null : t('record.noPassword'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </dd>
          <dt className="text-slate-600">{t('record.since')}</dt>
          <dd>{format.dateTime(client.createdAt, { dateStyle: 'medium', timeZone: tz })}</dd>
          {client.discountBp > 0 ? (
            <>
              <dt className="text-slate-600">{t('record.discount')}</dt>
              <dd>{format.number(client.discountBp / 10_000, { style: 'percent', maximumFractionDigits: 2 })}</dd>
            </>
          ) : null}
        </dl>
        <ContactForm
          defaults={{ name: client.name, phone: client.phone }}
          save={updateClientContactAction.bind(null, id)}
        />
      </Card>

      <Card title={t('record.addresses')}>
        {addresses.length === 0 ? <p className="text-sm text-slate-500">{t('record.noAddresses')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="client-addresses">
          {addresses.map((a) => (
            <li key={a.id} className="py-3 text-sm">
              <p className="font-medium break-words">
                {a.label ? `${a.label}: ` : ''}
                {a.address}
              </p>
              <p className="text-slate-600">{locale === 'en' ? a.zoneNameEn : a.zoneNameRu}</p>
              {a.accessNotes ? (
                <p className="break-words whitespace-pre-line text-slate-700">
                  {t('record.access')}: {a.accessNotes}
                </p>
              ) : null}
              <details className="mt-2">
                <summary className="inline-flex min-h-11 cursor-pointer items-center text-emerald-800 underline">
                  {t('record.editAddress')}
                </summary>
                <div className="mt-2">
                  <AddressForm
                    zones={zoneOptions}
                    defaults={{ label: a.label, address: a.address, zoneId: a.zoneId, accessNotes: a.accessNotes }}
                    save={saveClientAddressAction.bind(null, id, a.id)}
                    submitLabel={t('record.saveAddress')}
                  />
                  <DeleteAddressButton addressId={a.id} remove={deleteClientAddressAction.bind(null, id)} />
                </div>
              </details>
            </li>
          ))}
        </ul>
        <h3 className="mt-4 mb-2 font-medium">{t('record.addAddress')}</h3>
        <AddressForm zones={zoneOptions} save={saveClientAddressAction.bind(null, id, '')} />
      </Card>

      <Card title={t('notes.title')}>
        <p className="mb-3 text-sm text-slate-600">{t('notes.private')}</p>
        {notes.items.length === 0 ? <p className="text-sm text-slate-500">{t('notes.empty')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="staff-notes">
          {notes.items.map((n) => (
            <li key={n.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
              <div className="min-w-0 flex-1">
                <p className="break-words whitespace-pre-line">{n.body}</p>
                <p className="text-xs text-slate-500">
                  {n.kind === 'permanent'
                    ? t('notes.kinds.permanent')
                    : t('notes.forOrder', { number: n.orderNumber ?? '' })}
                  {' · '}
                  {when(n.createdAt)}
                  {n.authorName ? ` · ${n.authorName}` : ''}
                </p>
              </div>
              <ArchiveNoteButton noteId={n.id} />
            </li>
          ))}
        </ul>
        <div className="my-3">
          <Pager
            total={notes.total}
            capped={notes.capped}
            next={notes.next}
            atStart={!cursors.notes}
            href={page('notes')}
          />
        </div>
        <StaffNoteForm
          clientId={id}
          orders={open.items.map((o) => ({ id: o.id, label: `${o.number} · ${when(o.scheduledStart)}` }))}
        />
      </Card>

      <Card title={t('workers.preferred')}>
        {preferred.length === 0 ? <p className="text-sm text-slate-500">{t('workers.noPreferred')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="preferred-workers">
          {preferred.map((p) => (
            <li key={p.workerId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="min-w-0 break-words">
                <span className="font-medium">{p.workerName}</span>
                {p.note ? ` · ${p.note}` : ''}
              </span>
              <RemovePreferredButton clientId={id} workerId={p.workerId} />
            </li>
          ))}
        </ul>
        <PreferWorkerForm clientId={id} workers={options.workers} />
      </Card>

      <BlockedWorkersPanel clientId={id} worker={null} timeZone={tz} />
      <Card title={t('workers.blockTitle')}>
        <BlockAnyWorkerForm clientId={id} workers={options.workers} />
      </Card>

      <Card title={t('record.orders')}>
        {orders.items.length === 0 ? <p className="text-sm text-slate-500">{t('record.noOrders')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="client-orders">
          {orders.items.map((o) => (
            <StaffOrderRow
              key={o.id}
              testId={`client-order-${o.number}`}
              timeZone={tz}
              order={{
                ...o,
                service: locale === 'en' ? o.serviceEn : o.serviceRu,
                zone: locale === 'en' ? o.zoneEn : o.zoneRu,
              }}
              details={[o.address, o.workerName ? `${tq('order.worker')}: ${o.workerName}` : '']
                .filter(Boolean)
                .join(' · ')}
            />
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={orders.total}
            capped={orders.capped}
            next={orders.next}
            atStart={!cursors.orders}
            href={page('orders')}
          />
        </div>
      </Card>

      <Card title={t('record.plans')}>
        {plans.items.length === 0 ? <p className="text-sm text-slate-500">{t('record.noPlans')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="client-plans">
          {plans.items.map((p) => (
            <li key={p.id} className="py-2">
              <Link href={`/admin/plans/${p.id}`} className="font-medium text-emerald-900 underline">
                {locale === 'en' ? p.serviceEn : p.serviceRu}
              </Link>{' '}
              · {tp(`every.${p.frequencyWeeks}`)} · {tp(`status.${p.status}`)}
              <p className="break-words text-slate-600">{p.address}</p>
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={plans.total}
            capped={plans.capped}
            next={plans.next}
            atStart={!cursors.plans}
            href={page('plans')}
          />
        </div>
      </Card>

      <Card title={t('record.money')}>
        <p className="mb-3 text-sm" data-testid="client-balance">
          {statement.balance > 0
            ? t('record.owes', { amount: money(statement.balance) })
            : statement.balance < 0
              ? t('record.inCredit', { amount: money(-statement.balance) })
              : t('record.settled')}
        </p>
        {invoices.items.length === 0 ? <p className="text-sm text-slate-500">{tb('noInvoices')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="client-invoices">
          {invoices.items.map((inv) => (
            <li key={inv.id} className="flex flex-wrap justify-between gap-2 py-2">
              <Link href={`/admin/finance/invoices/${inv.id}`} className="font-medium text-emerald-900 underline">
                {inv.number}
              </Link>
              <span>{tb(`status.${inv.status}`)}</span>
              <span className="tabular-nums">
                {money(inv.total)}
                {inv.outstanding > 0 ? ` · ${tb('outstanding')}: ${money(inv.outstanding)}` : ''}
              </span>
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={invoices.total}
            capped={invoices.capped}
            next={invoices.next}
            atStart={!cursors.invoices}
            href={page('invoices')}
          />
        </div>
      </Card>

      <Card title={t('record.contacts')}>
        {contacts.items.length === 0 ? <p className="text-sm text-slate-500">{tq('contacts.empty')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="client-contacts">
          {contacts.items.map((c) => (
            <li key={c.id} className="py-2">
              <p>
                <span className="font-medium">{tq(`contacts.kinds.${c.kind}`)}</span> · {when(c.at)} ·{' '}
                <Link href={`/admin/orders/${c.orderId}`} className="text-emerald-900 underline">
                  {c.orderNumber}
                </Link>{' '}
                · {c.authorName}
              </p>
              {c.subject ? <p className="font-medium break-words">{c.subject}</p> : null}
              <p className="break-words whitespace-pre-line text-slate-700">{c.body}</p>
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={contacts.total}
            capped={contacts.capped}
            next={contacts.next}
            atStart={!cursors.contacts}
            href={page('contacts')}
          />
        </div>
      </Card>
    </div>
  );
}
