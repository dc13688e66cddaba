/** One request of a harvest walk: a page of a remote search or collection, in GET or POST form. */
export interface HarvestRequest {
  href: string;
  method: 'GET' | 'POST';
  /** The JSON body of a POST. */
  body?: Record<string, unknown>;
}

/**
 * How a run walks the remote: `incremental` asks /search for items ingested since the cursor minus
 * the overlap, in ascending ingestion order (remotes with filter, sort and an `eopool:ingested`
 * queryable: another eopool); `search` walks /search whole; `features` walks each collection's
 * /items (remotes without item search).
 */
export type HarvestMode = 'incremental' | 'search' | 'features';

/** Where a run is: stored with each page, so a run that dies resumes at the next page. */
export interface HarvestPosition {
  mode: HarvestMode;
  /** The remote's clock when the walk began (RFC 3339): the cursor once the walk completes. */
  remoteStart: string;
  /** The next page to ask for. */
  request: HarvestRequest;
  /** The remote collection the request walks (features mode), or null for a search over all of them. */
  collection: string | null;
  /** Remote collections still to walk after this one (features mode). */
  remaining: string[];
}
