export type { ShopExportColumn, ShopExportRow } from './columns';
export { SHOP_EXPORT_COLUMNS, SHOP_EXPORT_HEADERS } from './columns';
export type { ExportPage } from './export-rows';
export { shopExportRow, shopExportRows } from './export-rows';
export { writeShopExportCsv } from './csv-writer';
export { writeShopExportXlsx } from './xlsx-writer';
export { EXPORT_CONTENT_TYPES, EXPORT_WRITERS, exportFormatOf } from './export-format';
export type { ExportFormat } from './export-format';
