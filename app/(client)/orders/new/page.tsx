import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { OrderForm } from '@/components/orders/order-form';
import { PageTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { clientDiscountBp, getClientAccount, listCatalogue } from '@/lib/orders';
import { getSettings, listZones } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'form.title');

export default async function NewOrderPage({ searchParams }: PageProps<'/orders/new'>) {
  const actor = await requireRole('client');
  const t = await getTranslations('orders');
  const locale = await pageLocale();
  const { service } = await searchParams;
  const db = await getDb();
  const [settings, catalogue, zones, account, discountBp] = await Promise.all([
    getSettings(db),
    listCatalogue(db),
    listZones(db, locale),
    getClientAccount(db, actor),
    clientDiscountBp(db, actor.id),
  ]);
  const serviceId = z.uuid().safeParse(service).data;
  // Tomorrow by default: most bookings are for another day, and it avoids today's urgency surcharge.
  const tomorrow = addDays(toDateString(new Date(), settings.timeZone), 1);
  return (
    <>
      <PageTitle>{t('form.title')}</PageTitle>
      <OrderForm
        services={catalogue.services.map((s) => ({
          id: s.id,
          nameRu: s.nameRu,
          nameEn: s.nameEn,
          pricingUnit: s.pricingUnit,
          unitPrice: s.unitPrice,
          minPrice: s.minPrice,
          bathroomPrice: s.bathroomPrice,
          baseMinutes: s.baseMinutes,
          minutesPerUnitX100: s.minutesPerUnitX100,
          extras: s.extras,
        }))}
        zones={zones.map((z) => ({ id: z.id, name: z.name, travelFee: z.travelFee }))}
        addresses={account.addresses.map((a) => ({
          id: a.id,
          label: a.label,
          address: a.address,
          zoneId: a.zoneId,
          accessNotes: a.accessNotes,
        }))}
        defaults={{
          serviceId: catalogue.services.some((s) => s.id === serviceId) ? serviceId : undefined,
          phone: account.phone,
          date: tomorrow,
        }}
        booking={{
          timeZone: settings.timeZone,
          bookableHours: settings.bookableHours,
          bookingHorizonDays: settings.bookingHorizonDays,
        }}
        pricing={{ gradeCoefficientsBp: settings.gradeCoefficientsBp, urgency: settings.urgency, discountBp }}
        priceCapPolicy={settings.priceCapPolicy}
        planDiscountsBp={settings.planDiscountsBp}
        cancellation={settings.cancellationPolicy}
        currency={settings.currency}
        locale={locale}
      />
    </>
  );
}
