// The queue's tools, in one chunk that loads right after the first rows are shown: the search
// and filters, reprocess by id, export, and bulk reprocess. See components/first-screen.ts.
export { BulkReprocessPanel } from './bulk/bulk-reprocess-panel';
export { ExportQueueButton } from './export-queue-button';
export { QueueFilters } from './queue-filters';
export { ReprocessById } from './reprocess-by-id';
