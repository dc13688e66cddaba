export {
  authorizeCollectionWrite,
  collectionNotFound,
  createCollection,
  deleteCollection,
  getCollection,
  listCollections,
  MEMBER_PROPERTY,
  owningMember,
  replaceCollection,
} from './collection-repository.js';
export { itemColumns, type ItemColumns } from './item-columns.js';
export { deleteItem, getItem, replaceItem, writeItemRows, writeItems, type WriteOutcome } from './item-repository.js';
export { itemRowJson, type ItemRowJson } from './item-row-json.js';
export { ITEM_STATISTICS_JOB, refreshItemStatistics, scheduleItemStatistics, type ItemStatisticsRefresh } from './item-statistics.js';
export { PROMOTED_FIELDS, promotedField, type PromotedField, type PromotedType } from './promoted-fields.js';
export {
  AGGREGATIONS,
  aggregateItems,
  compileAggregation,
  type AggregateRequest,
  type Aggregation,
  type AggregationName,
  type Bucket,
  type DatetimeInterval,
} from './search/aggregate-items.js';
export { listQueryables, type Queryable } from './search/list-queryables.js';
export { compileSearch, searchItems, type SearchHit, type SearchPage } from './search/search-items.js';
export type { SearchRequest } from './search/search-request.js';
