import 'server-only';
// lib/board: the schedule board (workers as lanes, jobs as blocks, the tray of pending orders). It reads;
// every change goes through lib/matching's manual assignment and lib/orders' reschedule. Import from here only.
export * from './shared';
export { getBoard, boardVersion, boardPeriod } from './load-board';
export { moveOnBoard, boardOptions, BoardClash, type Clash, type BoardOptionDto } from './move';
