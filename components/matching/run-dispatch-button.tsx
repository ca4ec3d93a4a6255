'use client';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { runDispatchAction } from '@/app/admin/dispatch/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';

export function RunDispatchButton() {
  const t = useTranslations('matching');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ tone: 'error' | 'success'; text: string }>();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await runDispatchAction({});
            if (!r.ok) return setResult({ tone: 'error', text: r.message });
            const d = r.data!;
            setResult(
              d.skipped
                ? { tone: 'error', text: 'matching.runSkipped' }
                : {
                    tone: 'success',
                    text: t('runResult', {
                      considered: d.considered,
                      matched: d.matched,
                      unmatched: d.unmatched,
                      conflicts: d.conflicts,
                      moved: d.moved,
                    }),
                  },
            );
            router.refresh();
          })
        }
      >
        {pending ? t('running') : t('runNow')}
      </Button>
      <FormMessage message={result?.text} tone={result?.tone} />
    </div>
  );
}
