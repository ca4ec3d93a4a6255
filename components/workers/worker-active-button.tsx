'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { setWorkerActiveAction } from '@/app/admin/workers/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';

export function WorkerActiveButton({ workerId, active }: { workerId: string; active: boolean }) {
  const t = useTranslations('workers');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' }>();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant={active ? 'danger' : 'secondary'}
        disabled={pending}
        onClick={() => {
          if (active && !window.confirm(t('admin.deactivateConfirm'))) return;
          start(async () => {
            const r = await setWorkerActiveAction({ workerId, active: !active });
            setMessage(
              r.ok
                ? {
                    text: active ? t('admin.deactivated', { count: r.data?.unassigned ?? 0 }) : t('admin.reactivated'),
                    tone: 'success',
                  }
                : { text: r.message, tone: 'error' },
            );
            router.refresh();
          });
        }}
      >
        {active ? t('admin.deactivate') : t('admin.reactivate')}
      </Button>
      <FormMessage message={message?.text} tone={message?.tone} />
    </div>
  );
}
