'use client';
import type { ReactNode, RefObject } from 'react';

/** The board's modal: a dimmed page, a panel named by its heading, Escape closes it. */
export function BoardDialog({
  labelledBy,
  onClose,
  panelRef,
  sheet = false,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  panelRef?: RefObject<HTMLDivElement | null>;
  /** A bottom sheet on phones (the menu), else a centred box. */
  sheet?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={`fixed inset-0 z-50 flex justify-center bg-slate-900/40 ${sheet ? 'items-end sm:items-center' : 'items-center p-4'}`}
    >
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        className={
          sheet
            ? 'max-h-[90vh] w-full max-w-lg overflow-y-auto rounded-t-xl bg-white p-4 shadow-xl sm:rounded-xl'
            : 'w-full max-w-md rounded-xl bg-white p-4 shadow-xl'
        }
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}
