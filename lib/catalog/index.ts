import 'server-only';
// lib/catalog: the service catalogue (admins edit it; clients book from the active part).
export * from './shared';
export * from './schemas';
export {
  listServicesForAdmin,
  skillNames,
  serviceNames,
  type ServiceName,
  getServiceForAdmin,
  listActiveServices,
  createService,
  updateService,
  setServiceArchived,
  serviceToInput,
  servicePricingColumns,
  type ServiceDto,
  type ServiceListFilter,
} from './services';
export { serviceNameRu, serviceNameEn } from './names';
