import 'server-only';
// lib/supplies: consumables, stock movements, workers' holdings, bills of materials. Others import from here only.
export * from './shared';
export {
  listSupplies,
  createSupply,
  updateSupply,
  moveStock,
  issueToWorker,
  returnFromWorker,
  listHoldings,
  listMovements,
  resolveShortfall,
  listBillsOfMaterials,
  setBillOfMaterials,
  isLow,
  type SupplyDto,
  type MovementDto,
  type HoldingDto,
  type BomDto,
} from './stock';
export { suppliesOnOrderChange, supplyShortfallsForOrder, type OrderShortfall } from './on-order-change';
export { chargeShortfall, shortfallChargeKey, type ShortfallCharge } from './charge';
