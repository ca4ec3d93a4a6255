'use client';
import type { FormEventHandler, ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A form behind a button (cancel an order, move it): closed, the button that opens it; open, the form under its
 * title, ending with its message and actions.
 */
export function OpeningForm({
  open,
  onOpen,
  openLabel,
  title,
  className,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpen: () => void;
  openLabel: ReactNode;
  /** The form's heading and accessible name. */
  title: string;
  /** The panel's border and background. */
  className: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  if (!open) {
    return (
      <Button variant="secondary" onClick={onOpen}>
        {openLabel}
      </Button>
    );
  }
  return (
    <form noValidate className={`space-y-3 rounded-xl border p-4 ${className}`} aria-label={title} onSubmit={onSubmit}>
      <h2 className="font-semibold">{title}</h2>
      {children}
    </form>
  );
}
