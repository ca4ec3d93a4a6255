import { PageSkeleton } from '@/components/ui/page-skeleton';

// The list sits in a route group so that this boundary covers it alone (see PageSkeleton).
export default function Loading() {
  return <PageSkeleton />;
}
