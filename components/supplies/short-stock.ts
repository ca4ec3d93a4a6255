'use client';
import { useState } from 'react';
import type { Failure } from '@/components/use-action-form';

/** Short stock (or a short holding) comes back with the quantity available, which the message names. */
export function useShortStock() {
  const [available, setAvailable] = useState<string>();
  const explain = (r: Failure) => {
    setAvailable(r.fields.available);
    return r.fields.available ? r.message : undefined;
  };
  return { explain, values: available ? { available } : undefined };
}
