import type { BoardBlock, BoardDto } from '@/lib/board/shared';

/** One move the manager asked for: the order to this worker, at `start` when it also moves in time. */
export type BoardMove = {
  orderId: string;
  number: string;
  workerId: string;
  workerName: string;
  start?: Date;
  overrideReason?: string;
};

/** What the menu opens on: a block or a tray item. */
export type MenuTarget = { orderId: string; number: string; start: Date; workerId: string | null };

/** The board as it will be once the server agrees: the optimistic state shown while the move is saved. */
export function applyMove(board: BoardDto, move: BoardMove): BoardDto {
  const block = board.blocks.find((b) => b.id === move.orderId);
  const shift = (from: { start: Date; end: Date }) => {
    if (!move.start) return { start: from.start, end: from.end };
    return { start: move.start, end: new Date(move.start.getTime() + from.end.getTime() - from.start.getTime()) };
  };
  if (block) {
    const moved: BoardBlock = { ...block, ...shift(block), workerId: move.workerId, late: false };
    return { ...board, blocks: board.blocks.map((b) => (b.id === move.orderId ? moved : b)) };
  }
  const item = board.tray.find((o) => o.id === move.orderId);
  if (!item) return board;
  const added: BoardBlock = {
    id: item.id,
    number: item.number,
    status: 'assigned',
    ...shift(item),
    workerId: move.workerId,
    serviceRu: item.serviceRu,
    serviceEn: item.serviceEn,
    clientFirstName: item.clientFirstName,
    zoneId: '',
    zoneRu: item.zoneRu,
    zoneEn: item.zoneEn,
    plan: item.plan,
    late: false,
    bufferAfterMinutes: null,
    tight: false,
  };
  return { ...board, tray: board.tray.filter((o) => o.id !== move.orderId), blocks: [...board.blocks, added] };
}
