import type { ReactNode } from 'react';
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from 'react-email';
import type { EmailContext, OrderRef } from '../define';
import { amount, link, local, when } from '../format';

const layoutStrings = {
  ru: {
    greeting: 'Здравствуйте, {name}!',
    footer: 'Это письмо отправлено автоматически. Ответы на него не читаются — напишите нам через личный кабинет.',
    order: 'Заказ',
    service: 'Услуга',
    when: 'Когда',
    address: 'Адрес',
    total: 'Итого',
  },
  en: {
    greeting: 'Hello, {name}!',
    footer: 'This email was sent automatically. Replies are not read — contact us through your account.',
    order: 'Order',
    service: 'Service',
    when: 'When',
    address: 'Address',
    total: 'Total',
  },
} as const;

const styles = {
  body: { backgroundColor: '#f4f5f7', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0, padding: '16px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: 8, maxWidth: 560, margin: '0 auto', padding: '24px' },
  brand: { color: '#0f766e', fontSize: 14, fontWeight: 700, margin: '0 0 16px' },
  heading: { fontSize: 20, lineHeight: '28px', margin: '0 0 12px', color: '#111827' },
  text: { fontSize: 15, lineHeight: '22px', color: '#1f2937', margin: '0 0 12px' },
  muted: { fontSize: 12, lineHeight: '18px', color: '#6b7280', margin: 0 },
  button: {
    backgroundColor: '#0f766e',
    color: '#ffffff',
    borderRadius: 6,
    padding: '12px 18px',
    fontSize: 15,
    textDecoration: 'none',
  },
  cell: { fontSize: 14, padding: '4px 0', color: '#1f2937' },
} as const;

export function EmailLayout({
  ctx,
  preview,
  heading,
  children,
}: {
  ctx: EmailContext;
  preview: string;
  heading: string;
  children: ReactNode;
}) {
  const t = layoutStrings[ctx.locale];
  return (
    <Html lang={ctx.locale}>
      <Head />
      <Preview>{preview}</Preview>
      {/* React Email's Body says lang="en" unless told; a Russian letter must say "ru". */}
      <Body lang={ctx.locale} style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{ctx.companyName}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          <Text style={styles.text}>{t.greeting.replace('{name}', ctx.recipientName)}</Text>
          {children}
          <Hr />
          <Text style={styles.muted}>
            {ctx.companyName} · {t.footer}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export function Action({ ctx, path, label }: { ctx: EmailContext; path: string; label: string }) {
  return (
    <Section style={{ margin: '8px 0 20px' }}>
      <Button href={link(path, ctx)} style={styles.button}>
        {label}
      </Button>
    </Section>
  );
}

/** A two-column table of label → value rows. */
export function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <table role="presentation" width="100%" style={{ borderCollapse: 'collapse', margin: '0 0 12px' }}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td style={{ ...styles.cell, color: '#6b7280', width: '35%', verticalAlign: 'top' }}>{label}</td>
            <td style={styles.cell}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrderFacts({ order, ctx }: { order: OrderRef; ctx: EmailContext }) {
  const t = layoutStrings[ctx.locale];
  return (
    <Facts
      rows={[
        [t.order, order.number],
        [t.service, local(order.service, ctx)],
        [t.when, when(order.startsAt, ctx)],
        [t.address, order.address],
      ]}
    />
  );
}

export type Line = { labelRu: string; labelEn: string; quantity?: number; amount: number };

export function PriceLines({
  lines,
  total,
  currency,
  ctx,
}: {
  lines: Line[];
  total: number;
  currency: string;
  ctx: EmailContext;
}) {
  const t = layoutStrings[ctx.locale];
  return (
    <table role="presentation" width="100%" style={{ borderCollapse: 'collapse', margin: '0 0 12px' }}>
      <tbody>
        {lines.map((line, i) => (
          <tr key={i}>
            <td style={styles.cell}>
              {ctx.locale === 'ru' ? line.labelRu : line.labelEn}
              {line.quantity !== undefined && line.quantity !== 1 ? ` × ${line.quantity}` : ''}
            </td>
            <td style={{ ...styles.cell, textAlign: 'right' }}>{amount(line.amount, currency, ctx)}</td>
          </tr>
        ))}
        <tr>
          <td style={{ ...styles.cell, fontWeight: 700, borderTop: '1px solid #e5e7eb' }}>{t.total}</td>
          <td style={{ ...styles.cell, fontWeight: 700, borderTop: '1px solid #e5e7eb', textAlign: 'right' }}>
            {amount(total, currency, ctx)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
