'use client';
import { useState, useTransition, type ReactNode } from 'react';
import { Button } from './button';
import { useErrorText } from './field';

type Result = { ok: true } | { ok: false; message: string };

/** A button that runs a server action, shows it is busy, and shows the action's error message beside it. */
export function ActionButton({
  run,
  variant,
  className,
  children,
}: {
  run: () => Promise<Result>;
  variant: 'primary' | 'secondary' | 'danger' | 'ghost';
  className?: string;
  children: ReactNode;
}) {
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant={variant}
        className={className}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await run();
            setError(result.ok ? undefined : result.message);
          })
        }
      >
        {children}
      </Button>
      {error ? <span className="text-sm text-rose-700">{errorText(error)}</span> : null}
    </span>
  );
}
